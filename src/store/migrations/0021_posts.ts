// The noticeboard: members' offers of help and asks for it, each with a short code (P and three
// digits, apart from requests' and bookings' plain digits), waiting for a coordinator's approval
// unless the scheme says not, open until it expires or its poster closes it. A reply to a post is a
// link: asked (the poster is asked before any number is shared), then shared or declined. Help paid
// for in credits is a member-to-member pair of ledger entries pointing at its post.
export default `
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  member_id INTEGER NOT NULL REFERENCES members(id),
  kind TEXT NOT NULL CHECK (kind IN ('offer', 'ask')),
  body TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL CHECK (status IN ('waiting', 'open', 'closed', 'expired', 'refused')),
  created_at TEXT NOT NULL,
  approved_at TEXT,
  approved_by TEXT,
  expires_at TEXT NOT NULL,
  reminded_at TEXT,
  closed_at TEXT
);
CREATE UNIQUE INDEX posts_live_code ON posts(code) WHERE status IN ('waiting', 'open');
CREATE INDEX posts_member ON posts(member_id);
CREATE INDEX posts_status ON posts(status, expires_at);

CREATE TABLE post_links (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES members(id),
  status TEXT NOT NULL CHECK (status IN ('asked', 'shared', 'declined')),
  created_at TEXT NOT NULL,
  answered_at TEXT,
  UNIQUE (post_id, member_id)
);

ALTER TABLE ledger_entries ADD COLUMN post_id INTEGER REFERENCES posts(id);
CREATE INDEX ledger_post ON ledger_entries(post_id, created_at) WHERE post_id IS NOT NULL;
`;
