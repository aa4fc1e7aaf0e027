// Indexes for the dashboard's reports, which scan a period of the ledger, of messages and of joinings.
export default `
CREATE INDEX ledger_kind_day ON ledger_entries(kind, status, day);
CREATE INDEX inbound_received ON inbound_messages(received_at);
CREATE INDEX outbox_created ON outbox(created_at);
CREATE INDEX members_consent ON members(consent_at);
`;
