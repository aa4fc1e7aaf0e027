// Retention, part of the scheduled job: message texts are kept only as long as the scheme says
// (`retentionDays`, 90 by default). Inbound bodies and the texts of sent and failed messages older than
// that are erased; the rows stay (they record that a message was handled, and stop a redelivery acting
// twice). What people typed before they agreed to join (a name, in a half-finished conversation) goes
// a day after the question expired, and the number of a sender who never joined is kept only as long
// as the rate limit needs it. Dashboard logins and counted failures that are over are dropped.
import type { SchemeSettings } from "../core/engine-types.ts";
import { type InStatement, sql } from "../store/db.ts";
import { PURGED_REPLY } from "../store/privacy-write.ts";

const DAY_MS = 86_400_000;
/** The longest rate-limit window a scheme may set (conversation-read.ts): an address older is not needed. */
const RATE_WINDOW_MS = DAY_MS;

/** Migration 0028's inbound_text_age condition: the message still holds a text to purge. */
const TEXT_LEFT = `(body IS NOT NULL OR reply != '${PURGED_REPLY}')`;

/** The person (a member or contact row `alias`) a conversations row is about, by its "channel:address" key. */
const samePerson = (alias: string) => `(
  (conversations.address LIKE 'sms:%' AND ${alias}.phone = substr(conversations.address, 5))
  OR (conversations.address LIKE 'telegram:%'
      AND ${alias}.telegram_id = CAST(substr(conversations.address, 10) AS INTEGER)))`;

/**
 * The statements that purge old texts. The first two report, in `rowsAffected`, how many inbound
 * bodies and sent texts were purged.
 */
export function retentionStatements(
  now: Date,
  settings: Pick<SchemeSettings, "retentionDays">,
): InStatement[] {
  const before = new Date(now.getTime() - settings.retentionDays * DAY_MS).toISOString();
  const dayAgo = new Date(now.getTime() - DAY_MS).toISOString();
  // Each WHERE repeats its partial index's condition (migrations 0006, 0018 and 0028), so a tick reads only
  // rows with something left to purge, not the whole history.
  return [
    sql(
      `UPDATE inbound_messages INDEXED BY inbound_text_age SET body = NULL
       WHERE ${TEXT_LEFT} AND body IS NOT NULL AND received_at < ?`,
      before,
    ),
    sql(
      "UPDATE outbox INDEXED BY outbox_text_age SET body = '' WHERE status = 'sent' AND body != '' AND sent_at < ?",
      before,
    ),
    // The replies kept for recognising a redelivered webhook say much the same as the texts sent.
    sql(
      `UPDATE inbound_messages INDEXED BY inbound_text_age SET reply = '${PURGED_REPLY}'
       WHERE ${TEXT_LEFT} AND reply != '${PURGED_REPLY}' AND received_at < ?`,
      before,
    ),
    // A MY DATA file is a copy of what is held: not kept once delivered. The last message to someone who
    // asked to be forgotten loses its address too.
    sql(
      `UPDATE outbox INDEXED BY outbox_text_age SET body = '',
         address = CASE WHEN json_extract(payload, '$.forget') = 1 THEN '' ELSE address END
       WHERE status = 'sent' AND body != '' AND payload IS NOT NULL
         AND (json_extract(payload, '$.kind') = 'document' OR json_extract(payload, '$.forget') = 1)`,
    ),
    // Failed messages are not retried after this long; their texts go like the sent ones'.
    sql(
      "UPDATE outbox INDEXED BY outbox_failed_text_age SET body = '' WHERE status = 'failed' AND body != '' AND created_at < ?",
      before,
    ),
    // A conversation whose question expired more than a day ago, of someone who never agreed to join
    // (partner contacts' own conversations are not theirs to lose).
    sql(
      `DELETE FROM conversations INDEXED BY conversations_expiry
       WHERE expires_at IS NOT NULL AND expires_at < ?
         AND NOT EXISTS (SELECT 1 FROM members m WHERE m.consent_at IS NOT NULL AND ${samePerson("m")})
         AND NOT EXISTS (SELECT 1 FROM partner_contacts pc WHERE ${samePerson("pc")})`,
      dayAgo,
    ),
    sql(
      `UPDATE inbound_messages INDEXED BY inbound_anonymous_address SET address = NULL
       WHERE member_id IS NULL AND address IS NOT NULL AND received_at < ?`,
      new Date(now.getTime() - RATE_WINDOW_MS).toISOString(),
    ),
    sql("DELETE FROM admin_sessions WHERE expires_at < ?", before),
    sql("DELETE FROM admin_login_links WHERE expires_at < ?", dayAgo),
    sql("DELETE FROM admin_failures WHERE at < ?", dayAgo),
  ];
}
