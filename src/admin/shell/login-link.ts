// One-time dashboard links: the demo prints one so a newcomer lands in the dashboard without typing a
// token. The link's code is 32 random bytes; only its SHA-256 is stored (a database reader cannot use
// it), and the first use marks it used and opens a session in the same batch, so a second use, even
// at the same moment, finds nothing.
import type { Deps } from "../../deps.ts";
import { sql } from "../../store/db.ts";
import { randomNonce, SESSION_SECONDS, toBase64Url } from "./session.ts";
import { type AdminSession, newSession } from "./session-store.ts";
import { BASE } from "./view.ts";

/** Where a link points; GET on `${LINK_PATH}/<code>` uses it. */
export const LINK_PATH = `${BASE}/login/link`;

const DEFAULT_TTL_MINUTES = 60;

async function digestOf(code: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(code))));
}

/**
 * Stores a new one-time link and returns its path, e.g. `/admin/login/link/3q2-…`; prefix it with
 * PUBLIC_URL to print it. The session it opens carries `name` into the audit log.
 * @example console.log(`${config.publicUrl}${await issueLoginLink(deps, { name: "demo" })}`)
 */
export async function issueLoginLink(
  deps: Pick<Deps, "db" | "now">,
  options: { name?: string; ttlMinutes?: number } = {},
): Promise<string> {
  const code = randomNonce(32);
  const now = deps.now();
  const ttl = options.ttlMinutes ?? DEFAULT_TTL_MINUTES;
  await deps.db.execute(
    sql(
      "INSERT INTO admin_login_links (digest, name, created_at, expires_at) VALUES (?, ?, ?, ?)",
      await digestOf(code),
      (options.name ?? "").trim().slice(0, 40),
      now.toISOString(),
      new Date(now.getTime() + ttl * 60_000).toISOString(),
    ),
  );
  return `${LINK_PATH}/${code}`;
}

/** Uses a link: the session it opened, or null when the code is unknown, used or expired. */
export async function redeemLoginLink(
  deps: Pick<Deps, "db" | "now">,
  code: string,
): Promise<AdminSession | null> {
  if (!/^[\w-]{20,100}$/.test(code)) return null;
  const digest = await digestOf(code);
  const now = deps.now();
  const iso = now.toISOString();
  const session = newSession("");
  const [claimed, , created] = await deps.db.batch(
    [
      sql(
        `UPDATE admin_login_links SET used_at = ?, session_id = ?
         WHERE digest = ? AND used_at IS NULL AND expires_at > ?`,
        iso,
        session.id,
        digest,
        iso,
      ),
      // Only the use that claimed the link (its session id is the one written) opens a session.
      sql(
        `INSERT INTO admin_sessions (id, ref, name, created_at, expires_at)
         SELECT ?, ?, name, ?, ? FROM admin_login_links WHERE digest = ? AND session_id = ?`,
        session.id,
        session.ref,
        iso,
        new Date(now.getTime() + SESSION_SECONDS * 1000).toISOString(),
        digest,
        session.id,
      ),
      sql("SELECT name FROM admin_sessions WHERE id = ?", session.id),
    ],
    "write",
  );
  if (!claimed?.rowsAffected) return null;
  return { ...session, name: String(created?.rows[0]?.name ?? "") };
}
