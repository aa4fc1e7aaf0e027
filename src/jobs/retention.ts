// Retention, part of the scheduled job: message texts are kept only as long as the scheme says
// (`retentionDays`, 90 by default). Inbound bodies and the texts of sent messages older than that are
// erased; the rows stay (they record that a message was handled, and stop a redelivery acting twice).
import type { SchemeSettings } from "../core/engine-types.ts";
import { type InStatement, sql } from "../store/db.ts";
import { PURGED_REPLY } from "../store/privacy-write.ts";

const DAY_MS = 86_400_000;

/**
 * The statements that purge old texts. The first two report, in `rowsAffected`, how many inbound
 * bodies and sent texts were purged.
 */
export function retentionStatements(
  now: Date,
  settings: Pick<SchemeSettings, "retentionDays">,
): InStatement[] {
  const before = new Date(now.getTime() - settings.retentionDays * DAY_MS).toISOString();
  // Each WHERE repeats its partial index's condition (migration 0006), so a tick reads only rows with
  // something left to purge, not the whole history.
  return [
    sql("UPDATE inbound_messages SET body = NULL WHERE body IS NOT NULL AND received_at < ?", before),
    sql(
      "UPDATE outbox INDEXED BY outbox_text_age SET body = '' WHERE status = 'sent' AND body != '' AND sent_at < ?",
      before,
    ),
    // The replies kept for recognising a redelivered webhook say much the same as the texts sent.
    sql(
      `UPDATE inbound_messages SET reply = '${PURGED_REPLY}' WHERE reply != '${PURGED_REPLY}' AND received_at < ?`,
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
  ];
}
