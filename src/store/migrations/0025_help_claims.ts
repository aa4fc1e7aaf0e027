// A helper's DONE P482 2: the member they helped is asked to confirm (YES P482) before any credit
// moves, as a partner confirms hours; the payment is then the same as THANKS.
export default `
CREATE TABLE help_claims (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES posts(id),
  helper_id INTEGER NOT NULL REFERENCES members(id),
  helped_id INTEGER NOT NULL REFERENCES members(id),
  minutes INTEGER NOT NULL CHECK (minutes > 0),
  status TEXT NOT NULL CHECK (status IN ('asked', 'paid', 'declined')),
  created_at TEXT NOT NULL,
  answered_at TEXT
);
CREATE INDEX help_claims_helped ON help_claims(helped_id, status);
`;
