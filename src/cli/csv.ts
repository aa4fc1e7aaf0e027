// The ledger as CSV for spreadsheets: one row per entry, RFC 4180 quoting.
import type { Db } from "../store/db.ts";

const COLUMNS = [
  "id",
  "created_at",
  "member_id",
  "member",
  "kind",
  "status",
  "minutes",
  "credits",
  "partner_id",
  "activity",
  "day",
  "settled_at",
];

/** One CSV field: RFC 4180 quoting, and a formula-looking text defused with a leading quote. */
export function cell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function ledgerCsv(db: Db): Promise<string> {
  const result = await db.execute(
    `SELECT l.id, l.created_at, l.member_id, m.name AS member, l.kind, l.status, l.minutes,
            ROUND(l.minutes / 60.0, 2) AS credits, l.partner_id, l.activity, l.day, l.settled_at
     FROM ledger_entries l LEFT JOIN members m ON m.id = l.member_id ORDER BY l.id`,
  );
  const lines = [COLUMNS.join(",")];
  for (const row of result.rows) lines.push(COLUMNS.map((c) => cell(row[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
