// Slows down guessing of ADMIN_TOKEN: failed logins and failed bearer tokens are counted per client IP
// and per name typed at login, in the database (so it works on the Worker, where no memory is
// shared between requests). After FAILURE_LIMIT failures in FAILURE_WINDOW_MS a bucket answers 429
// until its oldest counted failure leaves the window, even for the right token.
import type { Context } from "hono";
import { type Db, sql } from "../../store/db.ts";

export const FAILURE_LIMIT = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * The client's address, from what a client cannot forge. On Node it is the socket's peer, or, when
 * that is a proxy on this machine (loopback), the last `x-forwarded-for` entry: the one our proxy
 * appended (earlier entries are the client's own words). On Workers it is `cf-connecting-ip`, which
 * Cloudflare sets. Without either, every client shares one bucket, so nothing bypasses the count.
 */
export function clientIp(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const peer = env?.incoming?.socket?.remoteAddress;
  if (peer !== undefined) {
    const loopback = peer === "::1" || peer.startsWith("127.") || peer === "::ffff:127.0.0.1";
    const proxied = loopback ? c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim() : undefined;
    return (proxied || peer).slice(0, 64);
  }
  const cf = c.req.header("cf-connecting-ip")?.trim();
  return cf ? cf.slice(0, 64) : "unknown";
}

/** The buckets an attempt counts in: its IP, and the name typed at login when there is one. */
export function failureBuckets(ip: string, name = ""): string[] {
  const who = name.trim().toLowerCase();
  return [`ip:${ip}`, ...(who ? [`name:${who}`] : [])];
}

/** Seconds until these buckets may try again, or 0 when none of them is full. */
export async function retryAfter(db: Db, buckets: string[], now: Date): Promise<number> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString();
  const results = await db.batch(
    buckets.map((bucket) =>
      // The LIMIT-th newest failure: once it leaves the window the bucket is below the limit.
      sql(
        "SELECT at FROM admin_failures WHERE bucket = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?",
        bucket,
        since,
        FAILURE_LIMIT - 1,
      ),
    ),
    "read",
  );
  let wait = 0;
  for (const result of results) {
    const at = result.rows[0]?.at;
    if (at === undefined || at === null) continue;
    const free = Date.parse(String(at)) + FAILURE_WINDOW_MS - now.getTime();
    wait = Math.max(wait, Math.ceil(free / 1000));
  }
  return wait;
}

/** Counts one failure in each bucket and forgets failures that have left the window. */
export async function recordFailure(db: Db, buckets: string[], now: Date): Promise<void> {
  const iso = now.toISOString();
  await db.batch(
    [
      ...buckets.map((bucket) => sql("INSERT INTO admin_failures (bucket, at) VALUES (?, ?)", bucket, iso)),
      sql(
        "DELETE FROM admin_failures WHERE at <= ?",
        new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString(),
      ),
    ],
    "write",
  );
}

/** Whole minutes to wait, rounded up, for the message shown to a person. */
export function minutesToWait(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}
