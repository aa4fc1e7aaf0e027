// Erasures (DELETE ME): a keyed digest of each erased phone number and Telegram id, never the
// number itself, so a re-imported scheme file that still lists the person does not re-register them.
// `key_id` names the key that made the digest (see src/store/erasure-digest.ts): digests made with
// another key cannot be checked, and the import says so rather than guessing.
export default `
CREATE TABLE erasures (
  digest TEXT PRIMARY KEY,
  key_id TEXT NOT NULL,
  erased_at TEXT NOT NULL
) WITHOUT ROWID;
`;
