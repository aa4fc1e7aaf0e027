// A number that changes whenever the scheme's settings, partners or contacts do (every insert, update
// or delete, by any process or tool): a message's read skips those rows while it matches the number
// its process last read them at (conversation-read.ts). A migration that rebuilds one of these tables
// must create its triggers again.
const TABLES = ["scheme", "partners", "partner_contacts"];
const CHANGES = ["INSERT", "UPDATE", "DELETE"];

export default `
CREATE TABLE scheme_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL
);
INSERT INTO scheme_version (id, n) VALUES (1, 1);
${TABLES.flatMap((table) =>
  CHANGES.map(
    (change) => `CREATE TRIGGER ${table}_${change.toLowerCase()}_version AFTER ${change} ON ${table}
BEGIN UPDATE scheme_version SET n = n + 1 WHERE id = 1; END;`,
  ),
).join("\n")}
`;
