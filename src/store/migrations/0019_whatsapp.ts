// WhatsApp through Twilio, the third channel. A person's number is one member on SMS and WhatsApp:
// - `chosen_channel`: where they asked the bot to write (WHATSAPP, SMS); it wins over `last_channel`.
// - `whatsapp_state`: 'ok' once they wrote on WhatsApp, 'dead' when Twilio said the number is not on it.
// Every outbound message names our status callback; what it reports is kept on the outbox row:
// - `delivery`, `delivery_error`: Twilio's MessageStatus and ErrorCode for the message sent last.
// - `fallback`: why a message for WhatsApp went by SMS (no template outside the 24-hour window …).
// - `window_closed`: Twilio said 63016, so the next attempt must use a template (or SMS).
export default `
ALTER TABLE members ADD COLUMN chosen_channel TEXT;
ALTER TABLE members ADD COLUMN whatsapp_state TEXT CHECK (whatsapp_state IN ('ok', 'dead'));
ALTER TABLE partner_contacts ADD COLUMN chosen_channel TEXT;
ALTER TABLE partner_contacts ADD COLUMN whatsapp_state TEXT CHECK (whatsapp_state IN ('ok', 'dead'));
ALTER TABLE outbox ADD COLUMN delivery TEXT;
ALTER TABLE outbox ADD COLUMN delivery_error INTEGER;
ALTER TABLE outbox ADD COLUMN fallback TEXT;
ALTER TABLE outbox ADD COLUMN window_closed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_provider ON outbox(provider_id) WHERE provider_id IS NOT NULL AND provider_id != '';
`;
