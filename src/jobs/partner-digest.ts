// A partner contact is texted at most one request per `contactNotifyMinutes` (security review F5: a
// fresh account's 16 one-minute LOGs sent 32 SMS to partner staff). The first request goes at once;
// those that come while the contact's window is open wait in the outbox until it closes, then go as
// one digest ("3 more requests: 226 Anna 2 h, 385 Jānis 1 h. Reply YES ALL …"). A request settled
// meanwhile is left out; one that does not fit the digest waits for the next window, so none is lost.
// The outbox calls this with the rows it has just claimed, before it sends any.

import { renderFor } from "../channels/render.ts";
import { SMS_SEGMENT_BUDGET } from "../channels/render-text.ts";
import { CHANNEL_TRAITS } from "../core/channels.ts";
import { hoursText } from "../core/format.ts";
import type { Channel, Locale, Reply } from "../core/types.ts";
import type { Deps } from "../deps.ts";
import { fitsSegments } from "../lib/segments.ts";
import { type InStatement, sql } from "../store/db.ts";

/** A row as the outbox's claim returns it (NOTICE_COLUMNS included). */
export type ClaimedRow = Record<string, unknown>;

/**
 * What the claim returns about a request notice, in the same round trip: the request as it stands
 * now, and when the contact was last texted a request or digest.
 */
export const NOTICE_COLUMNS = `notice, notice_locale,
  CASE WHEN notice = 'request' THEN (SELECT json_object('status', l.status, 'code', l.code, 'minutes', l.minutes, 'name', m.name)
    FROM ledger_entries l JOIN members m ON m.id = l.member_id WHERE l.id = outbox.request_id) END AS request,
  CASE WHEN notice = 'request' THEN (SELECT MAX(o.sent_at) FROM outbox o
    WHERE o.address = outbox.address AND o.channel = outbox.channel AND o.notice IS NOT NULL
      AND o.status = 'sent' AND COALESCE(o.transport, '') NOT IN ('digest', 'settled')) END AS last_notice`;

/** A digest lists at most this many requests even on Telegram, where length is no object. */
const MAX_LISTED = 40;

interface Waiting {
  row: ClaimedRow;
  code: string;
  member: string;
  minutes: number;
}

/**
 * The claimed rows that go now: every other message, a request to a contact not texted within the
 * window, and a digest for those whose window has closed. Holds the rest (giving back the attempt the
 * claim counted) and marks settled requests as not needing a message. A digest is written leased
 * until `leasedUntil`, as the claim leaves the rows it returns.
 */
export async function gateRequestNotices(
  deps: Deps,
  rows: readonly ClaimedRow[],
  windowMinutes: number,
  leasedUntil: string,
): Promise<ClaimedRow[]> {
  if (windowMinutes <= 0 || !rows.some((r) => r.notice === "request")) return [...rows];
  const now = deps.now();
  const windowMs = windowMinutes * 60_000;
  const out: ClaimedRow[] = [];
  const writes: InStatement[] = [];
  const hold = (ids: number[], until: number) => {
    if (ids.length)
      writes.push(
        sql(
          `UPDATE outbox SET next_attempt_at = ?, attempts = MAX(attempts - 1, 0), leased_at = NULL WHERE id IN (${marks(ids)})`,
          new Date(until).toISOString(),
          ...ids,
        ),
      );
  };
  const digests: Array<{ insert: number; rows: ClaimedRow[] }> = [];
  for (const group of byContact(rows)) {
    const first = group[0];
    if (first?.notice !== "request") {
      out.push(...group);
      continue;
    }
    const waiting: Waiting[] = [];
    const settled: number[] = [];
    for (const row of group) {
      const request = row.request ? (JSON.parse(String(row.request)) as Record<string, unknown>) : null;
      // A request that cannot be found (never expected) is sent as it is rather than lost.
      if (!request) out.push(row);
      else if (request.status !== "pending") settled.push(Number(row.id));
      else
        waiting.push({
          row,
          code: String(request.code),
          member: String(request.name),
          minutes: Number(request.minutes),
        });
    }
    if (settled.length)
      writes.push(
        sql(
          `UPDATE outbox SET status = 'sent', transport = 'settled', sent_at = ? WHERE id IN (${marks(settled)})`,
          now.toISOString(),
          ...settled,
        ),
      );
    const last = first.last_notice ? Date.parse(String(first.last_notice)) : Number.NaN;
    if (!waiting.length) continue;
    if (now.getTime() < last + windowMs) {
      hold(ids(waiting), last + windowMs);
    } else if (waiting.length === 1 && waiting[0]) {
      out.push(waiting[0].row);
    } else {
      const locale = (String(first.notice_locale ?? "en") || "en") as Locale;
      const channel = String(first.channel) as Channel;
      const { reply, listed } = digestReply(deps, channel, locale, waiting);
      const [message] = renderFor(deps.i18n.t, channel, locale, reply);
      if (!message) continue;
      hold(ids(waiting.slice(listed)), now.getTime() + windowMs);
      const digestRows = waiting.slice(0, listed).map((w) => w.row);
      digests.push({ insert: writes.length, rows: digestRows });
      writes.push(
        sql(
          `INSERT INTO outbox (channel, address, body, payload, next_attempt_at, created_at, attempts, notice, notice_locale)
           VALUES (?, ?, ?, ?, ?, ?, 1, 'digest', ?) RETURNING id`,
          channel,
          String(first.address),
          message.body,
          message.payload ? JSON.stringify(message.payload) : null,
          leasedUntil,
          now.toISOString(),
          locale,
        ),
        // The requests it lists were delivered in it.
        sql(
          `UPDATE outbox SET status = 'sent', transport = 'digest', sent_at = ?, digest_id = last_insert_rowid()
           WHERE id IN (${marks(digestRows.map((r) => Number(r.id)))})`,
          now.toISOString(),
          ...digestRows.map((r) => Number(r.id)),
        ),
      );
      out.push({
        id: null,
        channel,
        address: first.address,
        body: message.body,
        payload: message.payload ? JSON.stringify(message.payload) : null,
        attempts: 1,
        broadcast: 0,
        plain: first.plain,
      });
    }
  }
  if (!writes.length) return out;
  const results = await deps.db.batch(writes, "write");
  // Each digest row learns its id from its insert.
  let d = 0;
  for (const row of out) {
    if (row.id !== null) continue;
    const digest = digests[d++];
    row.id = Number(digest ? results[digest.insert]?.rows[0]?.id : 0);
  }
  deps.log.info("outbox.digest", { digests: digests.length });
  return out.sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * The digest for the waiting requests: as many as fit one message (two SMS segments), oldest first;
 * the header counts them all, and "…" says more will follow.
 */
function digestReply(
  deps: Deps,
  channel: Channel,
  locale: Locale,
  waiting: readonly Waiting[],
): { reply: Reply; listed: number } {
  const items = waiting.map((w) =>
    deps.i18n.t(locale, "digest.item", {
      code: w.code,
      member: w.member,
      hours: hoursText(w.minutes, locale),
    }),
  );
  const reply = (listed: number): Reply => ({
    key: "digest.requests",
    params: {
      count: waiting.length,
      list: items.slice(0, listed).join(", ") + (listed < items.length ? ", …" : ""),
    },
  });
  for (let listed = Math.min(items.length, MAX_LISTED); listed > 1; listed--) {
    if (!CHANNEL_TRAITS[channel].segments) return { reply: reply(listed), listed };
    // GSM-7 texts send "…" as "...": measured so, it fits as it will be sent.
    const text = deps.i18n.t(locale, "digest.requests", reply(listed).params).replace(/\u2026/g, "...");
    if (fitsSegments(text, SMS_SEGMENT_BUDGET)) return { reply: reply(listed), listed };
  }
  return { reply: reply(1), listed: 1 };
}

/** The rows grouped by whom they go to, each group in claim order; a group is all notices or none. */
function byContact(rows: readonly ClaimedRow[]): ClaimedRow[][] {
  const groups = new Map<string, ClaimedRow[]>();
  for (const row of rows) {
    const key =
      row.notice === "request" ? `${String(row.channel)}:${String(row.address)}` : `row:${String(row.id)}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()];
}

function ids(waiting: readonly Waiting[]): number[] {
  return waiting.map((w) => Number(w.row.id));
}

function marks(list: readonly unknown[]): string {
  return list.map(() => "?").join(", ");
}
