// A number that changes whenever the scheme's settings, partners or contacts do (every insert, update
// or delete, by any process or tool): a message's read skips those rows while it matches the number
// its process last read them at (conversation-read.ts). A migration that rebuilds one of these tables
// must create its triggers again.
export default `
CREATE TABLE scheme_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL
);
INSERT INTO scheme_version (id, n) VALUES (1, 1);
CREATE TRIGGER scheme_insert_version AFTER INSERT ON scheme
BEGIN UPDATE scheme_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER scheme_update_version AFTER UPDATE ON scheme
BEGIN UPDATE scheme_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER scheme_delete_version AFTER DELETE ON scheme
BEGIN UPDATE scheme_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER partners_insert_version AFTER INSERT ON partners
BEGIN UPDATE scheme_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER partners_update_version AFTER UPDATE ON partners
BEGIN UPDATE scheme_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER partners_delete_version AFTER DELETE ON partners
BEGIN UPDATE scheme_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER partner_contacts_insert_version AFTER INSERT ON partner_contacts
BEGIN UPDATE scheme_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER partner_contacts_update_version AFTER UPDATE ON partner_contacts
BEGIN UPDATE scheme_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER partner_contacts_delete_version AFTER DELETE ON partner_contacts
BEGIN UPDATE scheme_version SET n = n + 1 WHERE id = 1; END;
`;
