// Delivers the outbox: messages to people other than the sender, written in the same transaction as
// their cause. Each due row is claimed atomically, sent, and marked sent or failed; a transient
// failure is retried with back-off (a broadcast's retry waits out quiet hours); nothing is dropped
// silently.
import { CHANNEL_ADAPTERS, type Delivery } from "../channels/registry.ts";
import { CHANNEL_TRAITS } from "../core/channels.ts";
import { DEFAULT_SETTINGS, type SchemeSettings } from "../core/engine-types.ts";
import { sendTime } from "../core/schedule.ts";
import type { Channel } from "../core/types.ts";
import { LOCALES, type Locale } from "../core/types.ts";
import type { Deps } from "../deps.ts";
import { plainLetters } from "../lib/plain-letters.ts";
import { schemeQuery } from "../scheme/store.ts";
import { sql } from "../store/db.ts";
import { ofPersonAt, stoppedStatements } from "../store/identity.ts";
import type { OutboxMessage } from "../store/outbox.ts";
import { settingsOfRow } from "../store/settings.ts";
import { gateRequestNotices, NOTICE_COLUMNS } from "./partner-digest.ts";

export const MAX_ATTEMPTS = 8;

/** Channels with a customer-service window (WhatsApp): delivery needs to know when the person last wrote. */
const WINDOWED = (Object.keys(CHANNEL_ADAPTERS) as Channel[]).filter((c) => CHANNEL_ADAPTERS[c].window);
const windowed = (expr: string) =>
  WINDOWED.length
    ? `CASE WHEN outbox.channel IN (${WINDOWED.map((c) => `'${c}'`).join(", ")}) THEN ${expr} END`
    : "NULL";
/** For such a row: the person's last message on that channel, and their language (for a template). */
const WHATSAPP_COLUMNS = `${windowed(
  `(SELECT MAX(i.received_at) FROM inbound_messages i WHERE i.channel = outbox.channel AND i.address = outbox.address)`,
)} AS last_inbound_at, ${windowed(ofPersonAt("locale", "outbox.channel", "outbox.address"))} AS person_locale`;

const isLocale = (v: unknown): v is Locale =>
  typeof v === "string" && (LOCALES as readonly string[]).includes(v);
/** While a row is being sent it is leased for this long, so a second deliverer leaves it alone. */
const LEASE_MS = 5 * 60 * 1000;

export type { Delivery } from "../channels/registry.ts";

/**
 * Sends one message on its channel. With a channel's settings absent, messages go to the
 * simulator's view when the simulator is on, and fail visibly otherwise.
 */
export async function deliver(
  deps: Deps,
  m: OutboxMessage,
  settings: SchemeSettings = DEFAULT_SETTINGS,
): Promise<Delivery> {
  const channel = CHANNEL_ADAPTERS[m.channel];
  // SMS pumping: texts to premium or far-away numbers cost the scheme and help only the fraudster.
  // The conversations refuse such numbers already; this is the last defence (a scheme file, a bug).
  const refused = channel.refuse(m.address, settings.allowedCountryCodes);
  if (refused) return { ok: false, permanent: true, error: refused, transport: m.channel };
  const own = channel.settings(deps.config);
  if ("missing" in own) {
    if (deps.config.simulator) return { ok: true, providerId: "", transport: "sim" };
    return {
      ok: false,
      permanent: true,
      error: `${m.channel} channel is off: ${own.missing} is not set`,
      transport: m.channel,
    };
  }
  return channel.send(deps, m, settings);
}

/**
 * Releases rows claimed before `before` and never settled: their deliverer died (a crash, a kill, an
 * isolate that was evicted). They are due at once; delivery stays at least once (a message sent just
 * before the crash, but not yet marked sent, goes again). Returns how many were released.
 */
export async function releaseStaleLeases(deps: Deps, before: Date): Promise<number> {
  const result = await deps.db.execute(
    sql(
      `UPDATE outbox SET next_attempt_at = ?, leased_at = NULL
       WHERE status = 'pending' AND leased_at IS NOT NULL AND leased_at < ?`,
      deps.now().toISOString(),
      before.toISOString(),
    ),
  );
  if (result.rowsAffected) deps.log.info("outbox.released", { count: result.rowsAffected });
  return result.rowsAffected;
}

/** A lease older than this is stale: a Worker's deliverer cannot still be running (waitUntil ends after 30 s). */
export const STALE_LEASE_MS = 60_000;

/**
 * Delivers after the answer has gone: the claim is a database call, and on an embedded file it would
 * otherwise run before the webhook's response is written.
 */
export function deliverSoon(deps: Deps): void {
  deps.later(new Promise((resolve) => setTimeout(resolve, 0)).then(() => deliverDue(deps)));
}

/** Back-off after the n-th failed attempt: 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Delivers every due message (at most `limit`); returns how many were sent and how many failed for good. */
export async function deliverDue(
  deps: Deps,
  limit = 50,
): Promise<{ sent: number; failed: number; retrying: number }> {
  const now = deps.now();
  const leasedUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  // The scheme's settings come in the same round trip as the claim.
  const [claimed, scheme] = await deps.db.batch(
    [
      sql(
        `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, leased_at = ?
         WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?)
         RETURNING id, channel, address, body, payload, attempts, broadcast_id IS NOT NULL AS broadcast,
           EXISTS (SELECT 1 FROM members m WHERE m.phone = outbox.address AND m.plain_sms = 1) AS plain,
           window_closed, ${WHATSAPP_COLUMNS},
           ${NOTICE_COLUMNS}`,
        leasedUntil,
        now.toISOString(),
        now.toISOString(),
        limit,
      ),
      schemeQuery(),
    ],
    "write",
  );
  if (!claimed) return { sent: 0, failed: 0, retrying: 0 };
  const settings = settingsOfRow(scheme?.rows[0]);
  const counts = { sent: 0, failed: 0, retrying: 0 };
  // Requests to a contact texted within the window wait for a digest; the rows that go now come back.
  const due = await gateRequestNotices(deps, claimed.rows, settings.contactNotifyMinutes, leasedUntil);
  for (const row of due) {
    const channel = String(row.channel) as Channel;
    // A member who asked for plain letters gets every SMS without diacritics, whoever queued it (also
    // a WhatsApp message that goes by SMS).
    const plain = Number(row.plain) === 1;
    const message: OutboxMessage = {
      channel,
      address: String(row.address),
      body: plain && CHANNEL_TRAITS[channel].segments ? plainLetters(String(row.body)) : String(row.body),
      ...(row.payload ? { payload: JSON.parse(String(row.payload)) } : {}),
      plain,
      lastInboundAt: row.last_inbound_at ? String(row.last_inbound_at) : null,
      windowClosed: Number(row.window_closed) === 1,
      ...(isLocale(row.person_locale) ? { locale: row.person_locale } : {}),
    };
    const attempts = Number(row.attempts);
    let result: Delivery;
    try {
      result = await deliver(deps, message, settings);
    } catch (error) {
      result = { ok: false, permanent: false, error: (error as Error).name, transport: message.channel };
    }
    const at = deps.now().toISOString();
    if (result.ok) {
      counts.sent++;
      await deps.db.execute(
        sql(
          `UPDATE outbox SET status = 'sent', sent_at = ?, provider_id = ?, transport = ?, last_error = NULL,
             fallback = COALESCE(?, fallback), delivery = NULL, delivery_error = NULL, leased_at = NULL WHERE id = ?`,
          at,
          result.providerId,
          result.transport,
          result.fallback ?? null,
          Number(row.id),
        ),
      );
      continue;
    }
    const giveUp = result.permanent || attempts >= MAX_ATTEMPTS;
    counts[giveUp ? "failed" : "retrying"]++;
    const due = new Date(deps.now().getTime() + (result.retryAfterMs ?? retryDelayMs(attempts)));
    // A broadcast is never delivered in quiet hours, not even as a retry: it waits for 09:00.
    const next = (Number(row.broadcast) === 1 ? sendTime(due, deps.config.timezone) : due).toISOString();
    await deps.db.batch(
      [
        // A stopped channel: STOP on SMS, a blocked bot on Telegram.
        ...(result.stopped ? stoppedStatements(message.channel, message.address) : []),
        sql(
          "UPDATE outbox SET status = ?, last_error = ?, transport = ?, next_attempt_at = ?, leased_at = NULL WHERE id = ?",
          giveUp ? "failed" : "pending",
          result.error.slice(0, 300),
          result.transport,
          next,
          Number(row.id),
        ),
      ],
      "write",
    );
    deps.log.error("outbox.failed", {
      id: Number(row.id),
      attempts,
      permanent: result.permanent,
      gaveUp: giveUp,
    });
  }
  return counts;
}
