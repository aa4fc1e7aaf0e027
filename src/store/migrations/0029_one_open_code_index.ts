// One index of open request codes instead of two (issue 16): every logged request went into both
// ledger_open_codes (partner_id, code), which keeps a code unique per partner while it is open, and
// ledger_open_code_lookup (code, partner_id), which finds a code a message names. A unique index on
// (code, partner_id) over the same rows keeps the same pairs unique and serves the lookup.
export default `
DROP INDEX ledger_open_code_lookup;
DROP INDEX ledger_open_codes;
CREATE UNIQUE INDEX ledger_open_codes ON ledger_entries(code, partner_id) WHERE status = 'pending' AND code IS NOT NULL;
`;
