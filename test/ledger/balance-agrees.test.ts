// One balance everywhere: for a random ledger (earnings confirmed, pending, rejected or expired;
// spends held, redeemed or released; gifts in and out, some waiting; coordinator corrections) the
// dashboard's member API, its member search, the bot's BALANCE reply over POST /sms, and the pure
// ledger/rules.ts balanceOf over the member's rows all give the same spendable and pending minutes.
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { hoursText } from "../../src/core/format.ts";
import type { LedgerEntry } from "../../src/core/types.ts";
import { balanceOf } from "../../src/ledger/rules.ts";
import { ADMIN_TOKEN, adminHarness } from "../admin/support.ts";
import type { Harness } from "../support/harness.ts";

const NUM_RUNS = 60;
const NOW = "2026-11-28T12:00:00Z";
const PARTNERS = ["staithe", "oasis", "playground", "cinema"] as const;

type Kind = LedgerEntry["kind"];
type Status = LedgerEntry["status"];
/** One entry as the app could have written it; `minutes` is positive here and signed by `out`. */
type Draft = {
  kind: Kind;
  status: Status;
  quarters: number;
  out: boolean;
  partner: (typeof PARTNERS)[number];
  /** True: the entry is the neighbour's, not the member's (a sum that forgot its member would count it). */
  neighbour: boolean;
};

const quarters = fc.integer({ min: 1, max: 48 }); // 15 minutes to 12 hours: quarters show exactly
const partner = fc.constantFrom(...PARTNERS);
// A quarter of the entries are the neighbour's.
const neighbour = fc.nat({ max: 3 }).map((n) => n === 0);
const draft = (kind: Kind, out: fc.Arbitrary<boolean>, ...statuses: Status[]): fc.Arbitrary<Draft> =>
  fc.record({
    kind: fc.constant(kind),
    status: fc.constantFrom(...statuses),
    quarters,
    out,
    partner,
    neighbour,
  });

const entry = fc.oneof(
  {
    arbitrary: draft("earning", fc.constant(false), "pending", "confirmed", "rejected", "expired"),
    weight: 4,
  },
  // A booking's hold: set aside, then redeemed (confirmed) or released.
  { arbitrary: draft("spend", fc.constant(true), "held", "confirmed", "released"), weight: 3 },
  // A gift out: confirmed, or held for a number that has not joined, then claimed or returned.
  { arbitrary: draft("gift", fc.constant(true), "confirmed", "held", "released"), weight: 2 },
  // A gift in: confirmed, or waiting for this member to join (pending), or returned (expired).
  { arbitrary: draft("gift", fc.constant(false), "confirmed", "pending", "expired"), weight: 2 },
  { arbitrary: draft("correction", fc.boolean(), "confirmed"), weight: 1 },
);

let h: Harness;
let partnerNames: Record<string, string>;
let run = 0;

beforeAll(async () => {
  h = await adminHarness({ now: NOW });
  const rows = await h.rows("SELECT id, name FROM partners");
  partnerNames = Object.fromEntries(rows.map((r) => [String(r.id), String(r.name)]));
});

async function newMember(phone: string, name: string): Promise<number> {
  const rows = await h.rows(
    `INSERT INTO members (phone, name, locale, consent_at, source, created_at)
     VALUES (?, ?, 'en', ?, 'self', ?) RETURNING id`,
    phone,
    name,
    NOW,
    NOW,
  );
  return Number(rows[0]?.id);
}

async function write(drafts: Draft[], me: number, other: number): Promise<void> {
  for (const [i, d] of drafts.entries()) {
    const [owner, counterpart] = d.neighbour ? [other, me] : [me, other];
    const minutes = (d.out ? -15 : 15) * d.quarters;
    const gift = d.kind === "gift";
    await h.rows(
      `INSERT INTO ledger_entries (member_id, kind, status, minutes, partner_id, day, code, counterpart_member_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      owner,
      d.kind,
      d.status,
      minutes,
      gift || d.kind === "correction" ? null : d.partner,
      d.kind === "earning" ? "2026-11-27" : null,
      d.kind === "earning" && d.status === "pending" ? `Q${run}X${i}` : null,
      gift ? counterpart : null,
      NOW,
    );
  }
}

async function api(path: string): Promise<Record<string, unknown>> {
  const res = await h.app.request(path, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe("the balance", () => {
  test("the dashboard, the bot's BALANCE and balanceOf agree for any ledger", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 2, maxLength: 20 }), async (drafts) => {
        run += 1;
        const phone = `+4477009${String(20000 + run).padStart(5, "0")}`;
        const name = `Agree${run}`;
        const me = await newMember(phone, name);
        const other = await newMember(`+4477009${String(60000 + run).padStart(5, "0")}`, `Other${run}`);
        await write(drafts, me, other);

        const rows = await h.rows(
          "SELECT kind, status, minutes, partner_id FROM ledger_entries WHERE member_id = ?",
          me,
        );
        const pure = balanceOf(
          rows.map((r) => ({
            kind: String(r.kind) as Kind,
            status: String(r.status) as Status,
            minutes: Number(r.minutes),
            partnerId: r.partner_id === null ? null : String(r.partner_id),
          })),
        );
        const pendingTotal = Object.values(pure.pendingByPartner).reduce((a, b) => a + b, 0);

        // The dashboard: the member page's API (admin/members.ts loadMember) and its search.
        const page = (await api(`/admin/api/members/${me}`)).member as { available: number; pending: number };
        expect({ available: page.available, pending: page.pending }).toEqual({
          available: pure.available,
          pending: pendingTotal,
        });
        const found = (await api(`/admin/api/members?q=${name}`)).members as Array<{
          id: number;
          available: number;
        }>;
        expect(found.find((m) => m.id === me)?.available).toBe(pure.available);

        // The bot: BALANCE over a signed SMS (store/conversation-read.ts → the engine's reply).
        const answer = await h.sms(phone, "BALANCE");
        const text = answer.messages.join("\n");
        const credits = /You have (-?[\d.]+) credits?\./.exec(text)?.[1];
        expect(credits, text).toBeDefined();
        expect(Math.round(Number(credits) * 60)).toBe(pure.available);
        for (const [partnerId, minutes] of Object.entries(pure.pendingByPartner))
          expect(text).toContain(`${hoursText(minutes, "en")} h at ${partnerNames[partnerId] ?? partnerId}`);
        expect(text.includes("Waiting for confirmation")).toBe(pendingTotal > 0);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
