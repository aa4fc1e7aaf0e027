// What a member can spend, counted in the test straight from the ledger's rows (confirmed entries
// plus held debits), independently of src/ledger/sql.ts: what the bot says must match it.
import type { Harness } from "./harness.ts";

export async function spendable(h: Pick<Harness, "rows">, phone: string): Promise<number> {
  const [row] = await h.rows(
    `SELECT COALESCE(SUM(l.minutes), 0) AS minutes FROM ledger_entries l JOIN members m ON m.id = l.member_id
     WHERE m.phone = ? AND (l.status = 'confirmed' OR (l.status = 'held' AND l.minutes < 0))`,
    phone,
  );
  return Number(row?.minutes);
}
