// Who a broadcast reaches: the members its filter picks, less those who opted out (STOP), were
// erased (DELETE ME), never joined (invited by a partner, no consent yet) or cannot be reached (a
// Telegram chat that blocked the bot and no phone). Read in one batch with the scheme's settings.
import type { SchemeSettings } from "../../core/engine-types.ts";
import { addressOf } from "../../core/requests.ts";
import type { Channel, Locale } from "../../core/types.ts";
import { isLocale } from "../../i18n/index.ts";
import { AVAILABLE } from "../../ledger/sql.ts";
import { schemeQuery } from "../../scheme/store.ts";
import { type Db, sql } from "../../store/db.ts";
import { channelOf } from "../../store/partner-read.ts";
import { settingsOfRow } from "../../store/settings.ts";
import type { Audience } from "./form.ts";

export interface Recipient {
  memberId: number;
  locale: Locale;
  channel: Channel;
  address: string;
  /** The member asked for SMS without diacritics (members.plain_sms). */
  plain: boolean;
}

export interface LeftOut {
  optedOut: number;
  deleted: number;
  notJoined: number;
  unreachable: number;
}

export interface AudienceFacts {
  recipients: Recipient[];
  left: LeftOut;
  settings: SchemeSettings;
  /** False when the filter names a partner the scheme does not have. */
  partnerKnown: boolean;
}

const DAY_MS = 86_400_000;

/** The filter as a WHERE condition on members m, with its arguments. */
function where(audience: Audience, now: Date): { text: string; args: Array<string | number> } {
  const sql = (text: string, ...args: Array<string | number>) => ({ text, args });
  switch (audience.kind) {
    case "active":
      return sql(
        "EXISTS (SELECT 1 FROM ledger_entries l WHERE l.member_id = m.id AND l.created_at >= ?)",
        new Date(now.getTime() - audience.days * DAY_MS).toISOString(),
      );
    case "partner":
      return sql(
        `EXISTS (SELECT 1 FROM ledger_entries l WHERE l.member_id = m.id AND l.partner_id = ?
           AND l.kind = 'earning' AND l.status = 'confirmed')`,
        audience.partner,
      );
    case "language":
      return sql("m.locale = ?", audience.language);
    case "credits":
      return sql(`${AVAILABLE("m.id")} >= ?`, Math.round(audience.credits * 60));
    default:
      return sql("1");
  }
}

export async function loadAudience(db: Db, audience: Audience, now: Date): Promise<AudienceFacts> {
  const filter = where(audience, now);
  const [members, scheme, partner] = await db.batch(
    [
      sql(
        `SELECT m.id, m.locale, m.phone, m.telegram_id, m.last_channel, m.telegram_blocked, m.opted_out,
                m.deleted_at, m.consent_at, m.plain_sms
         FROM members m WHERE ${filter.text} ORDER BY m.id`,
        ...filter.args,
      ),
      schemeQuery(),
      sql("SELECT id FROM partners WHERE id = ?", audience.kind === "partner" ? audience.partner : ""),
    ],
    "read",
  );
  const left: LeftOut = { optedOut: 0, deleted: 0, notJoined: 0, unreachable: 0 };
  const recipients: Recipient[] = [];
  for (const r of members?.rows ?? []) {
    if (r.deleted_at !== null) left.deleted++;
    else if (Number(r.opted_out) === 1) left.optedOut++;
    else if (r.consent_at === null) left.notJoined++;
    else {
      const to = addressOf({
        phone: r.phone === null ? null : String(r.phone),
        telegramId: r.telegram_id === null ? null : Number(r.telegram_id),
        lastChannel: channelOf(r.last_channel),
        telegramBlocked: Number(r.telegram_blocked) === 1,
      });
      if (!to) left.unreachable++;
      else
        recipients.push({
          memberId: Number(r.id),
          locale: isLocale(String(r.locale)) ? (String(r.locale) as Locale) : "en",
          ...to,
          plain: Number(r.plain_sms) === 1,
        });
    }
  }
  return {
    recipients,
    left,
    settings: settingsOfRow(scheme?.rows[0]),
    partnerKnown: audience.kind !== "partner" || Boolean(partner?.rows.length),
  };
}
