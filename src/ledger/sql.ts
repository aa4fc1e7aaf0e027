// The ledger's sums in SQL, and the few predicates they are made of: the ONLY SQL copies of the
// balance rule in ledger/rules.ts balanceOf (test/ledger/balance-agrees.test.ts holds them to it).
// Fragments are plain strings with no `?`, so they drop into any statement without moving its arguments.

/** `alias.name`, or the bare column name inside a statement over ledger_entries alone. */
const column = (alias: string | undefined, name: string) => (alias ? `${alias}.${name}` : name);

/** The alias the per-member subqueries give ledger_entries; chosen so no outer alias is shadowed. */
const SUB = "lb";

/** A confirmed entry: it counts in the balance (earnings +, spends, gifts out and debits −). */
export function CONFIRMED(alias?: string): string {
  return `${column(alias, "status")} = 'confirmed'`;
}

/** A hold: credits set aside by a booking not yet redeemed or released, or a gift not yet claimed. */
export function HOLDING(alias?: string): string {
  return `${column(alias, "status")} = 'held' AND ${column(alias, "minutes")} < 0`;
}

/** An entry that counts against what can be spent: a confirmed one, or a hold. */
export function SPENDABLE(alias?: string): string {
  return `(${CONFIRMED(alias)} OR (${HOLDING(alias)}))`;
}

/** Hours given and confirmed by a partner. */
export function EARNED(alias?: string): string {
  return `${column(alias, "kind")} = 'earning' AND ${CONFIRMED(alias)}`;
}

/** Hours waiting for a partner's YES: shown apart, not spendable. */
export function PENDING_EARNING(alias?: string): string {
  return `${column(alias, "kind")} = 'earning' AND ${column(alias, "status")} = 'pending' AND ${column(alias, "minutes")} > 0`;
}

/** Hours that fill a day for the 16-hours-a-day rule (ledger/rules.ts checkDayTotal): waiting or confirmed. */
export function DAY_HOURS(alias?: string): string {
  return `${column(alias, "kind")} = 'earning' AND ${column(alias, "status")} IN ('pending', 'confirmed')`;
}

/** Credits a member gave away (the weekly gift cap): confirmed, or held until the receiver joins. */
export function GIVEN(alias?: string): string {
  return `${column(alias, "kind")} = 'gift' AND ${column(alias, "minutes")} < 0 AND ${column(alias, "status")} IN ('confirmed', 'held')`;
}

/** Sum of one member's entries matching `where` (over alias SUB), as a scalar subquery; 0 when none. */
const memberSum = (memberExpr: string, where: string, sign = "") =>
  `(SELECT COALESCE(${sign}SUM(${SUB}.minutes), 0) FROM ledger_entries ${SUB}
  WHERE ${SUB}.member_id = ${memberExpr} AND ${where})`;

/**
 * What member `memberExpr` (an SQL expression: `m.id`, `?`, a subquery) can spend: confirmed entries
 * plus holds, balanceOf's `available`.
 * @example sql(`SELECT ${AVAILABLE("m.id")} AS available FROM members m WHERE m.id = ?`, id)
 */
export function AVAILABLE(memberExpr: string): string {
  return memberSum(memberExpr, SPENDABLE(SUB));
}

/** The member's confirmed balance, holds not taken off (AVAILABLE = BALANCE − HELD). */
export function BALANCE(memberExpr: string): string {
  return memberSum(memberExpr, CONFIRMED(SUB));
}

/** Minutes the member has set aside in holds, as a positive number. */
export function HELD(memberExpr: string): string {
  return memberSum(memberExpr, `(${HOLDING(SUB)})`, "-");
}

/** Minutes of the member's earnings waiting for a partner: the sum of balanceOf's `pendingByPartner`. */
export function PENDING(memberExpr: string): string {
  return memberSum(memberExpr, `(${PENDING_EARNING(SUB)})`);
}

/**
 * One column of an aggregate over ledger_entries (alias `alias`): the minutes of the entries matching
 * `where`, 0 when none; `negate` reports debits as a positive amount.
 * @example sql(`SELECT ${sumWhere(CONFIRMED())} AS outstanding FROM ledger_entries`)
 */
export function sumWhere(where: string, alias?: string, negate = false): string {
  return `COALESCE(${negate ? "-" : ""}SUM(CASE WHEN ${where} THEN ${column(alias, "minutes")} END), 0)`;
}

/** Every member's confirmed balance added up: credits in circulation. */
export function TOTAL_BALANCE(alias?: string): string {
  return sumWhere(CONFIRMED(alias), alias);
}

/** Every hold added up, as a positive number. */
export function TOTAL_HELD(alias?: string): string {
  return sumWhere(HOLDING(alias), alias, true);
}

/** A guard statement's condition: true when some member's AVAILABLE is below zero. */
export const SOME_BALANCE_NEGATIVE = `EXISTS (
     SELECT 1 FROM ledger_entries WHERE ${SPENDABLE()}
     GROUP BY member_id HAVING SUM(minutes) < 0)`;
