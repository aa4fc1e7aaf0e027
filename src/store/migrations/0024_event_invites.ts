// Going together: BOOK 1 FOR Kasia asks another member to come along to an event. She answers with
// the invitation's code (G and three digits): paying her own place, or taking one the booker holds
// for her — a booking of the booker's, with `for_member_id` naming whose place it is.
export default `
ALTER TABLE bookings ADD COLUMN for_member_id INTEGER REFERENCES members(id);

CREATE TABLE event_invites (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  event_id TEXT NOT NULL REFERENCES events(id),
  from_member_id INTEGER NOT NULL REFERENCES members(id),
  to_member_id INTEGER NOT NULL REFERENCES members(id),
  payer TEXT NOT NULL CHECK (payer IN ('self', 'booker')),
  booking_id INTEGER REFERENCES bookings(id),
  status TEXT NOT NULL CHECK (status IN ('asked', 'accepted', 'declined')),
  created_at TEXT NOT NULL,
  answered_at TEXT
);
CREATE UNIQUE INDEX event_invites_live_code ON event_invites(code) WHERE status = 'asked';
CREATE INDEX event_invites_to ON event_invites(to_member_id, status);
`;
