// Broadcasts from the dashboard: one row per message sent to a filtered group (who, when, the texts in
// each language, the filter, how many it went to). The key makes a double-submitted Send one send: a
// second insert with the same key fails the UNIQUE check and aborts its whole batch. Outbox rows point
// back at their broadcast, so the page can say how many were delivered.
export default `
CREATE TABLE broadcasts (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL,
  send_at TEXT NOT NULL,
  texts TEXT NOT NULL,
  filter TEXT NOT NULL,
  recipients INTEGER NOT NULL,
  sms_segments INTEGER NOT NULL,
  cost_pence REAL NOT NULL
);
ALTER TABLE outbox ADD COLUMN broadcast_id INTEGER;
CREATE INDEX outbox_broadcast ON outbox(broadcast_id) WHERE broadcast_id IS NOT NULL;
`;
