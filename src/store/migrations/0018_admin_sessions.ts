// Dashboard logins that can be revoked, guesses that can be counted, and erasure that reaches free text
// (security review F9, F11):
// - admin_sessions: one row per login; the cookie carries the signed id, every request reads the row,
//   so log-out and "log out everyone" take effect at once. `ref` is the short public id the audit
//   log shows; the id itself stays in the cookie.
// - admin_login_links: one-time dashboard links (the demo prints one). Only a SHA-256 of the random
//   code is kept; `session_id` is set by the one use that won.
// - admin_failures: failed logins and bearer tokens per bucket ("ip:…", "name:…"), for the throttle.
// - app_keys: random keys made in the database on first use (the erasure list's HMAC key), so they
//   exist even without ADMIN_TOKEN and survive its rotation.
// - audit_log.session: the login session behind each change.
// - The audit log stays append-only, with one exception: once the member a row is about has been
//   erased, its before/after may be rewritten, never longer, and no other column may change. That is
//   how DELETE ME blanks their free text (src/store/privacy-audit.ts); nothing else can edit history.
// - Partial indexes for the retention job's new purges (src/jobs/retention.ts repeats their WHEREs).
export default `
CREATE TABLE admin_sessions (
  id TEXT PRIMARY KEY,
  ref TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
) WITHOUT ROWID;
CREATE INDEX admin_sessions_live ON admin_sessions(expires_at) WHERE revoked_at IS NULL;

CREATE TABLE admin_login_links (
  digest TEXT PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  session_id TEXT
) WITHOUT ROWID;

CREATE TABLE admin_failures (
  id INTEGER PRIMARY KEY,
  bucket TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX admin_failures_bucket ON admin_failures(bucket, at);

CREATE TABLE app_keys (
  purpose TEXT PRIMARY KEY,
  secret TEXT NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER app_keys_no_update BEFORE UPDATE ON app_keys
BEGIN SELECT RAISE(ABORT, 'a key is never changed'); END;

ALTER TABLE audit_log ADD COLUMN session TEXT;

DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (
  NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor AND NEW.action IS OLD.action
  AND NEW.subject IS OLD.subject AND NEW.session IS OLD.session
  AND (NEW.before IS OLD.before OR length(NEW.before) <= length(OLD.before))
  AND (NEW.after IS OLD.after OR length(NEW.after) <= length(OLD.after))
  AND EXISTS (
    SELECT 1 FROM members m WHERE m.deleted_at IS NOT NULL AND m.id = CASE
      WHEN OLD.subject LIKE 'member:%' THEN CAST(substr(OLD.subject, 8) AS INTEGER)
      WHEN json_valid(OLD.after) THEN json_extract(OLD.after, '$.member') END
  )
)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE INDEX inbound_anonymous_address ON inbound_messages(received_at)
  WHERE member_id IS NULL AND address IS NOT NULL;
CREATE INDEX outbox_failed_text_age ON outbox(created_at) WHERE status = 'failed' AND body != '';
CREATE INDEX conversations_expiry ON conversations(expires_at) WHERE expires_at IS NOT NULL;
`;
