// Where the database's scheme came from: the demo (examples/demo-scheme.json, loaded by `npm start` in
// the demo or by `timecredits demo`) or a real one (any other import). Once real, always real: the
// triggers refuse to turn a real database back into a demo, so demo contacts and a seeded history can
// never be written next to real members. A database with partners but no row predates this migration
// and counts as real (src/store/scheme-origin.ts). `demo_seeded_at` says the history was seeded once.
export default `
CREATE TABLE scheme_origin (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  origin TEXT NOT NULL CHECK (origin IN ('demo', 'real')),
  marked_at TEXT NOT NULL,
  demo_seeded_at TEXT
);
CREATE TRIGGER scheme_origin_stays_real BEFORE UPDATE OF origin ON scheme_origin
WHEN OLD.origin = 'real' AND NEW.origin <> 'real'
BEGIN SELECT RAISE(ABORT, 'a database that held a real scheme is never a demo again'); END;
CREATE TRIGGER scheme_origin_no_delete BEFORE DELETE ON scheme_origin
WHEN OLD.origin = 'real'
BEGIN SELECT RAISE(ABORT, 'a database that held a real scheme is never a demo again'); END;
`;
