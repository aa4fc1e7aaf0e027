// Member profile: the answer to "Have you volunteered before?", asked once at joining (NULL: not
// asked or not answered; 1: yes; 0: never), and the plain-letters SMS option (1: send their SMS
// without diacritics, 160 characters a segment instead of 70).
export default `
ALTER TABLE members ADD COLUMN volunteered_before INTEGER CHECK (volunteered_before IN (0, 1));
ALTER TABLE members ADD COLUMN plain_sms INTEGER NOT NULL DEFAULT 0 CHECK (plain_sms IN (0, 1));
`;
