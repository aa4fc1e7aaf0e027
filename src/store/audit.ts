// Writing the audit log: one row per change made in the dashboard (who, when, what, before and
// after), always in the same batch as the change itself, so neither exists without the other. The
// dashboard's audit page reads them (src/admin/audit/audit.ts).
import { type InStatement, sql } from "./db.ts";

/** `actor` may carry a session ref after "#" (see actorOf in auth.ts); it is stored apart. */
export interface AuditChange {
  /** "coordinator:Kim", "coordinator" or "api". */
  actor: string;
  /** What was done, e.g. "ledger.correction", "earning.confirm", "partner.update". */
  action: string;
  /** What it was done to, e.g. "member:12", "entry:40", "partner:staithe". */
  subject: string;
  before: unknown;
  after: unknown;
}

/** "coordinator:Kim#1a2b3c4d" → the actor and the session ref; any other actor has no session. */
export function splitActor(actor: string): { actor: string; session: string | null } {
  const match = /^(coordinator(?::.*)?)#([0-9a-f]{8})$/s.exec(actor);
  return match ? { actor: match[1] ?? actor, session: match[2] ?? null } : { actor, session: null };
}

/**
 * The statement that records one change; put it in the change's own write batch. `afterId` adds the
 * id of a row the same batch inserted (found by a subquery) to `after`, e.g. a new ledger entry's id.
 */
export function auditStatement(
  change: AuditChange,
  now: Date,
  afterId?: { key: string; subquery: string; args: Array<string | number> },
): InStatement {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  const after = afterId ? `json_set(COALESCE(?, '{}'), '$.${afterId.key}', (${afterId.subquery}))` : "?";
  const who = splitActor(change.actor);
  return sql(
    `INSERT INTO audit_log (at, actor, session, action, subject, before, after) VALUES (?, ?, ?, ?, ?, ?, ${after})`,
    now.toISOString(),
    who.actor,
    who.session,
    change.action,
    change.subject,
    json(change.before),
    json(change.after),
    ...(afterId?.args ?? []),
  );
}
