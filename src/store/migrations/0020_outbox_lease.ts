// When a deliverer claimed a row (its lease): set by the claim, cleared when the row is settled or
// waits again. A row still leased after its deliverer died is released at the next start-up (Node)
// or by the next Cron run once the lease is stale (Workers), instead of waiting out the lease.
export default `
ALTER TABLE outbox ADD COLUMN leased_at TEXT;
CREATE INDEX outbox_leased ON outbox(leased_at) WHERE leased_at IS NOT NULL;
`;
