// DELETE ME and the audit log: the rows about the erased member keep what was done and the amounts,
// but every free text in their before/after (a reason, a message, a name or number) becomes "". The
// log is otherwise append-only; migration 0018's trigger allows exactly this rewrite, and only once the
// member is erased, so the statement must follow the one that sets `deleted_at`.
import { type InStatement, sql } from "./db.ts";

/** Fields of an audit row's before/after that may hold free text naming someone. */
export const AUDIT_FREE_TEXT = ["reason", "body", "text", "note", "name", "memberName", "phone"] as const;

/** The member a row is about: `member:12` as its subject, or a member id in `after` (a settled request). */
export const AUDIT_MEMBER_OF_ROW = `CASE WHEN subject LIKE 'member:%' THEN CAST(substr(subject, 8) AS INTEGER)
  WHEN json_valid(after) THEN json_extract(after, '$.member') END`;

const KEYS = AUDIT_FREE_TEXT.map((k) => `'${k}'`).join(", ");

/**
 * `column` with every free-text value blanked, at any depth: json_tree finds their paths, and a
 * recursive step applies one json_set per path (SQL has no loop, and no path list is known up front).
 */
function blanked(column: string): string {
  return `CASE WHEN json_valid(${column}) THEN (WITH RECURSIVE
    paths(n, path) AS (SELECT row_number() OVER (ORDER BY id), fullkey FROM json_tree(${column})
                       WHERE key IN (${KEYS}) AND type = 'text' AND atom != ''),
    step(n, doc) AS (SELECT 0, ${column} UNION ALL
                     SELECT s.n + 1, json_set(s.doc, p.path, '') FROM step s JOIN paths p ON p.n = s.n + 1)
    SELECT doc FROM step ORDER BY n DESC LIMIT 1) ELSE ${column} END`;
}

/** The statement that blanks free text in the audit rows about an erased member. */
export function eraseAuditTexts(memberId: number): InStatement {
  return sql(
    `UPDATE audit_log SET before = ${blanked("before")}, after = ${blanked("after")}
     WHERE ${AUDIT_MEMBER_OF_ROW} = ?`,
    memberId,
  );
}
