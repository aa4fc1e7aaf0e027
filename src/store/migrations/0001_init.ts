// The first schema. Migrations are TypeScript strings so that Node (tsx), vitest and the Worker bundle
// all load them the same way; each runs once, in order, recorded in schema_migrations.

export default `
CREATE TABLE scheme (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  timezone TEXT NOT NULL,
  settings TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL
);

CREATE TABLE partners (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  earn INTEGER NOT NULL DEFAULT 1,
  spend INTEGER NOT NULL DEFAULT 0,
  aliases TEXT NOT NULL DEFAULT '[]',
  activities TEXT NOT NULL DEFAULT '[]',
  extra TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL
);

CREATE TABLE partner_contacts (
  id INTEGER PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  name TEXT NOT NULL,
  phone TEXT,
  telegram_id INTEGER,
  locale TEXT NOT NULL DEFAULT 'en',
  UNIQUE (partner_id, phone),
  UNIQUE (partner_id, telegram_id)
);
CREATE INDEX partner_contacts_phone ON partner_contacts(phone);

CREATE TABLE offers (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL,
  title TEXT NOT NULL,
  cost_minutes INTEGER NOT NULL,
  value_pence INTEGER,
  community INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL
);

CREATE TABLE events (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL,
  title TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  cost_minutes INTEGER NOT NULL,
  capacity INTEGER,
  community INTEGER NOT NULL DEFAULT 1,
  family INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL
);

CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  phone TEXT UNIQUE,
  telegram_id INTEGER UNIQUE,
  name TEXT NOT NULL,
  locale TEXT NOT NULL DEFAULT 'en',
  opted_out INTEGER NOT NULL DEFAULT 0,
  consent_at TEXT,
  source TEXT NOT NULL DEFAULT 'self',
  created_at TEXT NOT NULL
);

-- One conversation per channel address. The version column settles two messages from one person
-- arriving at once: a write only lands if the version it read is still current.
CREATE TABLE conversations (
  address TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',
  expires_at TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);

-- Every inbound message, keyed by the channel's own id so that a retried webhook is recognised.
-- The reply is kept so a retry gets the same answer without repeating any effect.
CREATE TABLE inbound_messages (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  external_id TEXT NOT NULL,
  member_id INTEGER,
  locale TEXT,
  body TEXT,
  reply TEXT,
  received_at TEXT NOT NULL,
  UNIQUE (channel, external_id)
);

-- Append-only ledger. minutes is signed (earnings +, debits -) and may never change;
-- only status moves (pending -> confirmed | rejected | expired; held -> confirmed | released).
CREATE TABLE ledger_entries (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  kind TEXT NOT NULL CHECK (kind IN ('earning', 'spend', 'gift', 'correction')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected', 'expired', 'held', 'released')),
  minutes INTEGER NOT NULL,
  partner_id TEXT,
  activity TEXT,
  day TEXT,
  note TEXT,
  counterpart_member_id INTEGER,
  ref_entry_id INTEGER,
  inbound_id INTEGER REFERENCES inbound_messages(id),
  created_at TEXT NOT NULL,
  settled_at TEXT,
  settled_by TEXT
);
CREATE INDEX ledger_member ON ledger_entries(member_id, status);
CREATE INDEX ledger_partner ON ledger_entries(partner_id, status);

CREATE TRIGGER ledger_minutes_immutable BEFORE UPDATE OF minutes, member_id, kind ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger amounts are append-only'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are never deleted'); END;

-- Messages to anyone other than the sender, written in the same transaction as their cause.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  address TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  provider_id TEXT,
  transport TEXT,
  inbound_id INTEGER,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

-- A write batch inserts changes() here after a guarded statement; the CHECK aborts the whole batch
-- when the guard did not hold (a stale conversation version, an overdraw).
CREATE TABLE write_guard (ok INTEGER NOT NULL CHECK (ok = 1));
`;
