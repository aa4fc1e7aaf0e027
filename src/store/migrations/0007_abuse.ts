// Abuse limits: inbound messages keep their sender's address (E.164 or Telegram id) so a flood from
// one address can be counted in a window; members record who invited them, so invitations per
// sender per day can be counted.
export default `
ALTER TABLE inbound_messages ADD COLUMN address TEXT;
CREATE INDEX inbound_address_age ON inbound_messages(channel, address, received_at);
ALTER TABLE members ADD COLUMN invited_by TEXT;
CREATE INDEX members_invited_by ON members(invited_by, created_at) WHERE invited_by IS NOT NULL;
`;
