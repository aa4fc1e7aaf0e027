// The people's reports for a period, each figure one SQL aggregate read at request time: new members
// per month (and whether they had volunteered before), and the languages of members and messages.

import { type Db, sql } from "../../store/db.ts";
import { ofPersonAt } from "../../store/identity.ts";
import { monthsCte, num, text } from "./ledger.ts";
import type { Bounds } from "./period.ts";

export interface JoinedCounts {
  joined: number;
  /** Answered "yes" to "Have you volunteered before?" */
  volunteeredBefore: number;
  /** Answered "no": new to volunteering. */
  neverVolunteered: number;
  notAnswered: number;
}

export interface MembersReport {
  /** Every month of the period, zero included: members who joined (gave consent) in it. */
  months: Array<{ month: string } & JoinedCounts>;
  total: JoinedCounts;
}

const COUNTS = `COUNT(m.id) AS joined,
  COUNT(CASE WHEN m.volunteered_before = 1 THEN 1 END) AS yes,
  COUNT(CASE WHEN m.volunteered_before = 0 THEN 1 END) AS never,
  COUNT(CASE WHEN m.id IS NOT NULL AND m.volunteered_before IS NULL THEN 1 END) AS unanswered`;

const counts = (r: Record<string, unknown> | undefined): JoinedCounts => ({
  joined: num(r?.joined),
  volunteeredBefore: num(r?.yes),
  neverVolunteered: num(r?.never),
  notAnswered: num(r?.unanswered),
});

export async function loadMembers(db: Db, b: Bounds): Promise<MembersReport> {
  const cte = monthsCte(b.months);
  const [months, total] = await db.batch(
    [
      sql(
        `WITH ${cte.sql}
         SELECT months.month, ${COUNTS}
         FROM months LEFT JOIN members m ON m.consent_at >= months.at_from AND m.consent_at < months.at_to
         GROUP BY months.month ORDER BY months.month`,
        ...cte.args,
      ),
      sql(`SELECT ${COUNTS} FROM members m WHERE m.consent_at >= ? AND m.consent_at < ?`, b.start, b.end),
    ],
    "read",
  );
  return {
    months: (months?.rows ?? []).map((r) => ({ month: text(r.month), ...counts(r) })),
    total: counts(total?.rows[0]),
  };
}

/** A language code (en, pl, lv…), or "" where there is none: a sender or recipient who is not a member. */
export type LanguageCount = { locale: string; count: number };

export interface LanguagesReport {
  /** Members who had joined by the end of the period (erased ones left out), by their language now. */
  members: LanguageCount[];
  /** Messages received in the period, by the sending member's language ("" = not a member). */
  inbound: LanguageCount[];
  /** The bot's answers to those messages, by the language each was written in (stored with the message). */
  replies: LanguageCount[];
  /** Messages queued in the period to other people (partners, gift receivers…), by the recipient's language. */
  outbox: LanguageCount[];
}

export async function loadLanguages(db: Db, b: Bounds): Promise<LanguagesReport> {
  // The outbox keeps no language: the recipient's, found by their address, is the one it was written in.
  const recipientLocale = ofPersonAt("locale", "o.channel", "o.address");
  // By position: "locale" alone would be ambiguous where two tables have the column.
  const order = "GROUP BY 1 ORDER BY 2 DESC, 1";
  const [members, inbound, replies, outbox] = await db.batch(
    [
      sql(
        `SELECT locale, COUNT(*) AS count FROM members
         WHERE consent_at IS NOT NULL AND consent_at < ? AND deleted_at IS NULL ${order}`,
        b.end,
      ),
      sql(
        `SELECT COALESCE(m.locale, '') AS locale, COUNT(*) AS count
         FROM inbound_messages i LEFT JOIN members m ON m.id = i.member_id
         WHERE i.received_at >= ? AND i.received_at < ? ${order}`,
        b.start,
        b.end,
      ),
      sql(
        `SELECT COALESCE(i.locale, '') AS locale, COUNT(*) AS count FROM inbound_messages i
         WHERE i.received_at >= ? AND i.received_at < ? ${order}`,
        b.start,
        b.end,
      ),
      // Callback answers and edits of a Telegram message already sent are not new messages.
      sql(
        `SELECT COALESCE(${recipientLocale}, '') AS locale, COUNT(*) AS count FROM outbox o
         WHERE o.created_at >= ? AND o.created_at < ?
           AND (o.payload IS NULL OR COALESCE(json_extract(o.payload, '$.kind'), 'send') NOT IN ('answer', 'edit'))
         ${order}`,
        b.start,
        b.end,
      ),
    ],
    "read",
  );
  const list = (rows: Record<string, unknown>[] | undefined): LanguageCount[] =>
    (rows ?? []).map((r) => ({ locale: text(r.locale), count: num(r.count) }));
  return {
    members: list(members?.rows),
    inbound: list(inbound?.rows),
    replies: list(replies?.rows),
    outbox: list(outbox?.rows),
  };
}
