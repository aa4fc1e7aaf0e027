// Polls before events: a question with 2–5 options per language, sent like a broadcast (its outbox
// rows belong to a broadcast row, so cost, quiet hours and delivery are a broadcast's), to the
// members listed as its recipients. One vote per member and poll; a later answer replaces it.
// Ideas are what members propose (IDEA …) for the coordinator to poll.
export default `
CREATE TABLE polls (
  id INTEGER PRIMARY KEY,
  question TEXT NOT NULL,
  options TEXT NOT NULL,
  audience TEXT NOT NULL,
  broadcast_id INTEGER REFERENCES broadcasts(id),
  idea_id INTEGER,
  event_id TEXT REFERENCES events(id),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  closed_at TEXT
);

CREATE TABLE poll_recipients (
  poll_id INTEGER NOT NULL REFERENCES polls(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  PRIMARY KEY (poll_id, member_id)
);
CREATE INDEX poll_recipients_member ON poll_recipients(member_id);

CREATE TABLE poll_votes (
  poll_id INTEGER NOT NULL REFERENCES polls(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  option INTEGER NOT NULL,
  voted_at TEXT NOT NULL,
  PRIMARY KEY (poll_id, member_id)
);

CREATE TABLE ideas (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  poll_id INTEGER REFERENCES polls(id)
);
`;
