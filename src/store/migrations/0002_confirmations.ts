// Partner confirmations: a short code on each earning that waits for a partner, who logged it,
// the reason a partner gave, when a reminder went out; and volunteers' check-ins.
export default `
ALTER TABLE ledger_entries ADD COLUMN code TEXT;
ALTER TABLE ledger_entries ADD COLUMN logged_by TEXT;
ALTER TABLE ledger_entries ADD COLUMN reason TEXT;
ALTER TABLE ledger_entries ADD COLUMN reminded_at TEXT;

-- A code means one open request of one partner; two racing logs cannot take the same code.
CREATE UNIQUE INDEX ledger_open_codes ON ledger_entries(partner_id, code) WHERE status = 'pending' AND code IS NOT NULL;
CREATE INDEX ledger_pending_age ON ledger_entries(status, created_at);

CREATE TABLE checkins (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  partner_id TEXT NOT NULL,
  started_at TEXT NOT NULL,
  closed_at TEXT,
  asked_at TEXT
);
-- At most one open check-in per member.
CREATE UNIQUE INDEX checkins_open ON checkins(member_id) WHERE closed_at IS NULL;
`;
