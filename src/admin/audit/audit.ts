// The audit log: one row per change made in the dashboard (who, when, what, before and after), always
// written in the same batch as the change itself, so neither exists without the other. Members are
// referred to by id only; their current name is joined in on read, and a row about a member who
// asked to be erased shows no name and none of its free texts (a reason, a message), which may name them;
// DELETE ME also blanks those texts in the rows themselves (src/store/privacy-audit.ts). A change made
// from a login session records the session's short ref beside the name typed at login. Rows are
// written by src/store/audit.ts; this module reads them.
import { type Db, sql } from "../../store/db.ts";
import { AUDIT_FREE_TEXT } from "../../store/privacy-audit.ts";

export interface AuditEntry {
  id: number;
  at: string;
  /** "coordinator:Kim", "coordinator" or "api". */
  actor: string;
  /** The short ref of the login session the change was made from (none for the API). */
  session?: string;
  /** What was done, e.g. "ledger.correction", "earning.confirm", "partner.update". */
  action: string;
  /** What it was done to, e.g. "member:12", "entry:40", "partner:staithe". */
  subject: string;
  before: unknown;
  after: unknown;
  /** The member the change is about (its subject, or `after.member`), as they are now. */
  member?: { id: number; name: string | null; erased: boolean };
}

const FREE_TEXT = new Set<string>(AUDIT_FREE_TEXT);

/** A copy of `value` with every free-text field replaced by `placeholder`. */
function redact(value: unknown, placeholder: string): unknown {
  if (Array.isArray(value)) return value.map((v) => redact(v, placeholder));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      FREE_TEXT.has(k) && v !== null && typeof v !== "object" ? placeholder : redact(v, placeholder),
    ]),
  );
}

export interface AuditFilter {
  /** Only entries about this subject, or whose subject starts with it followed by ":" (e.g. "partner"). */
  subject?: string;
  /** Entries older than this id (paging back). */
  beforeId?: number;
  limit?: number;
  /** What a redacted free text reads as. */
  redacted?: string;
}

/** The member a row is about: `member:12` as its subject, or a member id in `after` (a settled request). */
const MEMBER_OF_ROW = `CASE WHEN a.subject LIKE 'member:%' THEN CAST(substr(a.subject, 8) AS INTEGER)
  WHEN json_valid(a.after) THEN json_extract(a.after, '$.member') END`;

/** Newest first. */
export async function listAudit(db: Db, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const where: string[] = [];
  const args: Array<string | number> = [];
  if (filter.subject) {
    where.push("(a.subject = ? OR a.subject LIKE ? ESCAPE '\\')");
    args.push(filter.subject, `${filter.subject.replace(/[\\%_]/g, "\\$&")}:%`);
  }
  if (filter.beforeId) {
    where.push("a.id < ?");
    args.push(filter.beforeId);
  }
  const result = await db.execute(
    sql(
      `SELECT a.id, a.at, a.actor, a.session, a.action, a.subject, a.before, a.after,
              m.id AS member_id, m.name AS member_name, m.deleted_at AS member_deleted
       FROM audit_log a LEFT JOIN members m ON m.id = ${MEMBER_OF_ROW}
       ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY a.id DESC LIMIT ?`,
      ...args,
      filter.limit ?? 50,
    ),
  );
  const placeholder = filter.redacted ?? "[erased]";
  return result.rows.map((r) => {
    const erased = r.member_deleted !== null && r.member_deleted !== undefined;
    const shown = (value: unknown) => {
      const parsed = value === null ? null : JSON.parse(String(value));
      return erased ? redact(parsed, placeholder) : parsed;
    };
    return {
      id: Number(r.id),
      at: String(r.at),
      actor: String(r.actor),
      ...(r.session === null || r.session === undefined ? {} : { session: String(r.session) }),
      action: String(r.action),
      subject: String(r.subject),
      before: shown(r.before),
      after: shown(r.after),
      ...(r.member_id === null
        ? {}
        : { member: { id: Number(r.member_id), name: erased ? null : String(r.member_name), erased } }),
    };
  });
}
