// Partner contacts get at most one request message per `contactNotifyMinutes` (jobs/partner-digest.ts):
// an outbox row that asks a contact about a request says which (`notice`, `request_id`) and in what
// language, so one that comes while the contact's window is open can wait and be merged into one
// digest message (`digest_id`) when it closes, or left out once the request is settled.
export default `
ALTER TABLE outbox ADD COLUMN notice TEXT CHECK (notice IN ('request', 'digest'));
ALTER TABLE outbox ADD COLUMN request_id INTEGER;
ALTER TABLE outbox ADD COLUMN notice_locale TEXT;
ALTER TABLE outbox ADD COLUMN digest_id INTEGER;
CREATE INDEX outbox_notices ON outbox(address, channel, sent_at) WHERE notice IS NOT NULL;
`;
