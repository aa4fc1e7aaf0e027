// Privacy: when a member was erased (DELETE ME). Their row stays, nameless and numberless, so the
// ledger entries that point at it keep partner and scheme totals right. The partial indexes let the
// retention job find texts still to purge without reading the whole history on every tick; their
// conditions are repeated word for word in src/jobs/retention.ts.
export default `
ALTER TABLE members ADD COLUMN deleted_at TEXT;
CREATE INDEX inbound_body_age ON inbound_messages(received_at) WHERE body IS NOT NULL;
CREATE INDEX inbound_reply_age ON inbound_messages(received_at) WHERE reply != '{"locale":"en","replies":[]}';
CREATE INDEX outbox_text_age ON outbox(sent_at) WHERE status = 'sent' AND body != '';
-- MY DATA and DELETE ME find a member's messages, and messages to their number, without a full scan.
CREATE INDEX inbound_member ON inbound_messages(member_id);
CREATE INDEX outbox_address ON outbox(address, channel);
`;
