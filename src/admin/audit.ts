// The audit log: one row per change made in the dashboard (who, when, what, before and after), always
// written in the same batch as the change itself, so neither exists without the other.
import { type Db, type InStatement, sql } from "../store/db.ts";

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  /** What was done, e.g. "ledger.correction", "earning.confirm", "partner.update". */
  action: string;
  /** What it was done to, e.g. "member:12", "entry:40", "partner:staithe". */
  subject: string;
  before: unknown;
  after: unknown;
}

export type AuditChange = Omit<AuditEntry, "id" | "at">;

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
  return sql(
    `INSERT INTO audit_log (at, actor, action, subject, before, after) VALUES (?, ?, ?, ?, ?, ${after})`,
    now.toISOString(),
    change.actor,
    change.action,
    change.subject,
    json(change.before),
    json(change.after),
    ...(afterId?.args ?? []),
  );
}

export interface AuditFilter {
  /** Only entries about this subject, or whose subject starts with it followed by ":" (e.g. "partner"). */
  subject?: string;
  /** Entries older than this id (paging back). */
  beforeId?: number;
  limit?: number;
}

/** Newest first. */
export async function listAudit(db: Db, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const where: string[] = [];
  const args: Array<string | number> = [];
  if (filter.subject) {
    where.push("(subject = ? OR subject LIKE ? ESCAPE '\\')");
    args.push(filter.subject, `${filter.subject.replace(/[\\%_]/g, "\\$&")}:%`);
  }
  if (filter.beforeId) {
    where.push("id < ?");
    args.push(filter.beforeId);
  }
  const result = await db.execute(
    sql(
      `SELECT id, at, actor, action, subject, before, after FROM audit_log
       ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`,
      ...args,
      filter.limit ?? 50,
    ),
  );
  return result.rows.map((r) => ({
    id: Number(r.id),
    at: String(r.at),
    actor: String(r.actor),
    action: String(r.action),
    subject: String(r.subject),
    before: r.before === null ? null : JSON.parse(String(r.before)),
    after: r.after === null ? null : JSON.parse(String(r.after)),
  }));
}
