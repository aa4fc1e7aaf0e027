// Posts on the members' board written straight into the database, for the dashboard's and the job's
// tests (the bot's OFFER and ASK are tested by their own transcripts).
import type { Harness } from "./harness.ts";

export interface PostRow {
  /** The poster's phone number, E.164. */
  phone: string;
  code: string;
  kind?: "offer" | "ask";
  body?: string;
  status?: "waiting" | "open" | "closed" | "expired" | "refused";
  createdAt?: string;
  expiresAt: string;
  remindedAt?: string | null;
}

/** Inserts one post and returns its id. */
export async function insertPost(h: Harness, p: PostRow): Promise<number> {
  const createdAt = p.createdAt ?? "2026-11-20T10:00:00.000Z";
  const status = p.status ?? "open";
  await h.db.execute({
    sql: `INSERT INTO posts (code, member_id, kind, body, tags, status, created_at, approved_at, approved_by, expires_at, reminded_at)
          VALUES (?, (SELECT id FROM members WHERE phone = ?), ?, ?, '[]', ?, ?, ?, ?, ?, ?)`,
    args: [
      p.code,
      p.phone,
      p.kind ?? "offer",
      p.body ?? "Lifts to Tesco on Saturdays",
      status,
      createdAt,
      status === "waiting" ? null : createdAt,
      status === "waiting" ? null : "coordinator:Kim",
      p.expiresAt,
      p.remindedAt ?? null,
    ],
  });
  const [row] = await h.rows("SELECT id FROM posts WHERE code = ? ORDER BY id DESC LIMIT 1", p.code);
  return Number(row?.id);
}
