// Spending: bookings of events and offers (each holds credits until redeemed or released), gifts
// between members, and members' choice about a weekly suggestion.
export default `
CREATE TABLE bookings (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  member_id INTEGER NOT NULL REFERENCES members(id),
  partner_id TEXT NOT NULL,
  event_id TEXT,
  offer_id TEXT,
  places INTEGER NOT NULL CHECK (places > 0),
  minutes INTEGER NOT NULL CHECK (minutes >= 0),
  status TEXT NOT NULL CHECK (status IN ('held', 'redeemed', 'cancelled', 'released')),
  starts_at TEXT,
  inbound_id INTEGER,
  created_at TEXT NOT NULL,
  settled_at TEXT,
  settled_by TEXT
);
-- A booking code means one open booking; a redeemed one keeps its code for "already redeemed".
CREATE UNIQUE INDEX bookings_open_code ON bookings(code) WHERE status = 'held';
CREATE INDEX bookings_event ON bookings(event_id, status);
CREATE INDEX bookings_member ON bookings(member_id, status);

ALTER TABLE ledger_entries ADD COLUMN booking_id INTEGER;
CREATE INDEX ledger_booking ON ledger_entries(booking_id);

-- NULL: not asked yet; 0: no thanks; 1: yes, a weekly suggestion.
ALTER TABLE members ADD COLUMN nudges INTEGER;
ALTER TABLE members ADD COLUMN nudged_at TEXT;
`;
