// Effects on the member record: joining, settings, invitations, a Telegram chat linked to a number.

import { GUARD, type InStatement, sql } from "../db.ts";
import { conversationKey } from "../identity.ts";
import type { CommonWriter, EffectOf, Writer } from "./types.ts";

export const createMember: Writer<"createMember"> = {
  place: "beforeInbound",
  write: (e, { me, now }) => {
    const column = me.column;
    // A number a partner invited already has a row without consent: it becomes the member.
    return [
      sql(
        `INSERT INTO members (${column}, name, locale, consent_at, source, created_at) VALUES (?, ?, ?, ?, 'self', ?)
         ON CONFLICT(${column}) DO UPDATE SET name = excluded.name, locale = excluded.locale, consent_at = excluded.consent_at
         WHERE members.consent_at IS NULL`,
        me.arg,
        e.name,
        e.locale,
        now,
        now,
      ),
      ...GUARD,
    ];
  },
};

export const updateMember: Writer<"updateMember"> = {
  place: "inOrder",
  write: (e, { me }) => [
    sql(
      `UPDATE members SET locale = COALESCE(?, locale), opted_out = COALESCE(?, opted_out),
         plain_sms = COALESCE(?, plain_sms) WHERE id = ${me.sql}`,
      e.locale ?? null,
      e.optedOut === undefined ? null : e.optedOut ? 1 : 0,
      e.plainSms === undefined ? null : e.plainSms ? 1 : 0,
      me.arg,
    ),
  ],
};

/** WHATSAPP or SMS: where the bot writes to them from now on, whatever channel they write from. */
export const chooseChannel: Writer<"chooseChannel"> = {
  place: "inOrder",
  write: (e, { me }) => [
    sql(
      `UPDATE members SET chosen_channel = ?, last_channel = ?,
         whatsapp_state = CASE WHEN ? = 'whatsapp' AND whatsapp_state = 'dead' THEN NULL ELSE whatsapp_state END
       WHERE id = ${me.sql}`,
      e.channel,
      e.channel,
      e.channel,
      me.arg,
    ),
  ],
};

export const setVolunteeredBefore: Writer<"setVolunteeredBefore"> = {
  place: "inOrder",
  // Asked once: an answer already stored (or set by the coordinator) is not overwritten.
  write: (e, { me }) => [
    sql(
      `UPDATE members SET volunteered_before = ? WHERE id = ${me.sql} AND volunteered_before IS NULL`,
      e.value ? 1 : 0,
      me.arg,
    ),
  ],
};

export const inviteMember: Writer<"inviteMember"> = {
  place: "inOrder",
  write: (e, { w, now }) => [
    // Who invited the number, so invitations per sender per day can be limited.
    sql(
      `INSERT INTO members (phone, name, locale, source, invited_by, created_at) VALUES (?, '', ?, 'invited', ?, ?)
       ON CONFLICT(phone) DO NOTHING`,
      e.phone,
      e.locale,
      conversationKey(w.channel, w.address),
      now,
    ),
  ],
};

export const setNudges: Writer<"setNudges"> = {
  place: "inOrder",
  write: (e, { me }) => [sql(`UPDATE members SET nudges = ? WHERE id = ${me.sql}`, e.on ? 1 : 0, me.arg)],
};

export const markTipsAsked: CommonWriter<"markTipsAsked"> = {
  place: "inOrder",
  write: (e) => [sql("UPDATE members SET nudges = 0 WHERE id = ? AND nudges IS NULL", e.memberId)],
};

export const linkPhone: Writer<"linkPhone"> = {
  place: "inOrder",
  write: (e, { w }) => linkStatements(e, Number(w.address)),
};

function linkStatements(e: EffectOf<"linkPhone">, chat: number): InStatement[] {
  if (e.into === "thisMember") {
    return [
      sql("UPDATE members SET phone = ? WHERE telegram_id = ? AND phone IS NULL", e.phone, chat),
      ...GUARD,
    ];
  }
  // Fold an empty Telegram-only member into the member who has the number.
  const drop = e.dropMemberId
    ? [
        // Its messages (this one included) become the phone member's, rather than point at a deleted row.
        sql(
          "UPDATE inbound_messages SET member_id = (SELECT id FROM members WHERE phone = ?) WHERE member_id = ?",
          e.phone,
          e.dropMemberId,
        ),
        sql(
          "DELETE FROM members WHERE id = ? AND NOT EXISTS (SELECT 1 FROM ledger_entries WHERE member_id = ?)",
          e.dropMemberId,
          e.dropMemberId,
        ),
        ...GUARD,
      ]
    : [];
  return [
    ...drop,
    sql(
      "UPDATE members SET telegram_id = ?, last_channel = 'telegram' WHERE phone = ? AND telegram_id IS NULL",
      chat,
      e.phone,
    ),
    ...GUARD,
  ];
}
