// A coordinator's correction: never an edit of an amount, always a new confirmed counter-entry of kind
// 'correction' with its reason, written with its audit row in one batch. A correction that would leave
// the member below zero is refused, checked inside the same transaction that writes it.
import * as z from "zod/mini";
import { AVAILABLE } from "../../ledger/sql.ts";
import { lazy } from "../../lib/lazy.ts";
import { auditStatement } from "../../store/audit.ts";
import { type Db, GUARD, type InStatement, isConflict, sql } from "../../store/db.ts";

/** The largest correction in one entry, in minutes (100 credits). */
export const MAX_CORRECTION_MINUTES = 100 * 60;

/**
 * Signed hours as a coordinator types them: "2", "-1.5", "+0,5", "−3" (a typographic minus).
 * @example parseSignedHours("-1,5") // -90
 */
export function parseSignedHours(text: string): number | null {
  const m = /^([+\-\u2212])?\s*(\d{1,4})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const hours = Number(`${m[2]}.${m[3] ?? "0"}`);
  const minutes = Math.round(hours * 60);
  return m[1] === "-" || m[1] === "\u2212" ? -minutes : minutes;
}

export const correctionForm = lazy(() =>
  z.object({
    hours: z.pipe(
      z.string(),
      z.transform((input: string, ctx) => {
        const minutes = parseSignedHours(input);
        if (minutes === null) ctx.issues.push({ code: "custom", message: "members.errors.hours", input });
        else if (minutes === 0) ctx.issues.push({ code: "custom", message: "members.errors.zero", input });
        else if (Math.abs(minutes) > MAX_CORRECTION_MINUTES)
          ctx.issues.push({ code: "custom", message: "members.errors.tooBig", input });
        return minutes ?? 0;
      }),
    ),
    reason: z
      .string()
      .check(z.trim(), z.minLength(3, "members.errors.reason"), z.maxLength(300, "members.errors.reason")),
    entry: z.optional(
      z.pipe(
        z.string(),
        z.transform((input: string) => (/^\d+$/.test(input) ? Number(input) : undefined)),
      ),
    ),
  }),
);

export type Correction = z.infer<ReturnType<typeof correctionForm>>;

export type CorrectionResult = { ok: true } | { ok: false; error: "overdraw" };

/**
 * Adds the counter-entry and its audit row. `available` is the balance the coordinator saw; the batch
 * itself re-checks the balance, so two corrections racing cannot overdraw either.
 */
export async function postCorrection(
  db: Db,
  input: { memberId: number; correction: Correction; actor: string; available: number; now: Date },
): Promise<CorrectionResult> {
  const { memberId, correction: c, actor, available, now } = input;
  if (c.hours < 0 && available + c.hours < 0) return { ok: false, error: "overdraw" };
  const at = now.toISOString();
  // A referenced entry must be this member's; anything else is dropped rather than linked wrongly.
  const ref = c.entry ?? null;
  const statements: InStatement[] = [
    sql(
      `INSERT INTO ledger_entries (member_id, kind, status, minutes, note, ref_entry_id, logged_by, settled_at, settled_by, created_at)
       SELECT m.id, 'correction', 'confirmed', ?, ?, (SELECT id FROM ledger_entries WHERE id = ? AND member_id = m.id),
         'coordinator', ?, 'coordinator', ?
       FROM members m WHERE m.id = ? AND (? > 0 OR ${AVAILABLE("?")} + ? >= 0)`,
      c.hours,
      c.reason,
      ref,
      at,
      at,
      memberId,
      c.hours,
      memberId,
      c.hours,
    ),
    ...GUARD,
    auditStatement(
      {
        actor,
        action: "ledger.correction",
        subject: `member:${memberId}`,
        before: { available },
        after: { available: available + c.hours, minutes: c.hours, reason: c.reason, refEntryId: ref },
      },
      now,
      {
        key: "entryId",
        subquery: "SELECT MAX(id) FROM ledger_entries WHERE member_id = ? AND kind = 'correction'",
        args: [memberId],
      },
    ),
  ];
  try {
    await db.batch(statements, "write");
    return { ok: true };
  } catch (error) {
    if (isConflict(error)) return { ok: false, error: "overdraw" };
    throw error;
  }
}
