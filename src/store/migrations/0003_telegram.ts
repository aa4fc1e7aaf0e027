// Telegram: the channel a person used last (a message goes out once, there), chats that blocked
// the bot, and outbox rows that are more than plain text (buttons, edits, callback answers).
export default `
ALTER TABLE members ADD COLUMN last_channel TEXT;
ALTER TABLE members ADD COLUMN telegram_blocked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE partner_contacts ADD COLUMN last_channel TEXT;
ALTER TABLE partner_contacts ADD COLUMN telegram_blocked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN payload TEXT;
`;
