// Fewer index pages written per message (issue 16). Every inbound message went into two partial
// indexes that the retention job reads together, at the same age: one index of "a text still to purge"
// serves both of its updates (src/jobs/retention.ts repeats its condition word for word). Ledger
// entries with no booking (every earning, gift and payment) no longer go into the booking index; it is
// only ever read by `booking_id = ?`, which a partial index on `booking_id IS NOT NULL` still serves.
export default `
DROP INDEX inbound_body_age;
DROP INDEX inbound_reply_age;
CREATE INDEX inbound_text_age ON inbound_messages(received_at)
  WHERE body IS NOT NULL OR reply != '{"locale":"en","replies":[]}';
DROP INDEX ledger_booking;
CREATE INDEX ledger_booking ON ledger_entries(booking_id) WHERE booking_id IS NOT NULL;
`;
