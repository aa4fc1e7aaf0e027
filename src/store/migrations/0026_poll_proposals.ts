// A partner's contact proposes a poll by SMS (POLL question? option / option): kept with the ideas
// the coordinator polls, with its options and partner, so ideas no longer always have a member.
export default `
CREATE TABLE ideas_new (
  id INTEGER PRIMARY KEY,
  member_id INTEGER REFERENCES members(id),
  contact_id INTEGER REFERENCES partner_contacts(id) ON DELETE SET NULL,
  partner_id TEXT,
  body TEXT NOT NULL,
  options TEXT,
  created_at TEXT NOT NULL,
  poll_id INTEGER REFERENCES polls(id)
);
INSERT INTO ideas_new (id, member_id, body, created_at, poll_id) SELECT id, member_id, body, created_at, poll_id FROM ideas;
DROP TABLE ideas;
ALTER TABLE ideas_new RENAME TO ideas;
`;
