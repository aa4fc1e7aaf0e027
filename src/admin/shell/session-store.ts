// Dashboard sessions in the database (migration 0018): a login writes a row, every request reads it,
// log-out revokes one and "log out everyone" revokes all. A row holds no secret: the cookie's HMAC is
// what proves the id was ours to give.
import { type Db, type InStatement, sql } from "../../store/db.ts";
import { randomNonce, SESSION_SECONDS } from "./session.ts";

export interface AdminSession {
  id: string;
  /** Eight hex digits, shown in the audit log; the id itself never leaves the cookie. */
  ref: string;
  /** The name the coordinator gave at login; may be empty. */
  name: string;
}

/** A new session's id and short reference. */
export function newSession(name: string): AdminSession {
  const ref = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, "0"));
  return { id: randomNonce(16), ref: ref.join(""), name };
}

/** The statement that records a login; `now` starts its SESSION_SECONDS. */
export function insertSession(session: AdminSession, now: Date): InStatement {
  return sql(
    "INSERT INTO admin_sessions (id, ref, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
    session.id,
    session.ref,
    session.name,
    now.toISOString(),
    new Date(now.getTime() + SESSION_SECONDS * 1000).toISOString(),
  );
}

/** The live session with this id: not revoked, not expired; else null. */
export async function findSession(db: Db, id: string, now: Date): Promise<AdminSession | null> {
  const result = await db.execute(
    sql(
      "SELECT id, ref, name FROM admin_sessions WHERE id = ? AND revoked_at IS NULL AND expires_at > ?",
      id,
      now.toISOString(),
    ),
  );
  const row = result.rows[0];
  return row ? { id: String(row.id), ref: String(row.ref), name: String(row.name) } : null;
}

export async function revokeSession(db: Db, id: string, now: Date): Promise<void> {
  await db.execute(
    sql(
      "UPDATE admin_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
      now.toISOString(),
      id,
    ),
  );
}

/** Revokes every live session; `also` (its audit row) goes in the same batch. Returns how many. */
export async function revokeAllSessions(db: Db, now: Date, also: InStatement[] = []): Promise<number> {
  const iso = now.toISOString();
  const [revoked] = await db.batch(
    [
      sql("UPDATE admin_sessions SET revoked_at = ? WHERE revoked_at IS NULL AND expires_at > ?", iso, iso),
      ...also,
    ],
    "write",
  );
  return revoked?.rowsAffected ?? 0;
}
