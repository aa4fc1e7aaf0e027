// Broadcasts in the database: a send writes the broadcast, one outbox row per recipient (due at the
// plan's send time) and its audit row in one write batch; the broadcast's unique key turns a second
// send of the same preview into a no-op. Past broadcasts are listed with their delivery counts.

import { auditStatement } from "../../store/audit.ts";
import { type Db, type InStatement, isConflict, sql } from "../../store/db.ts";
import type { Audience, Texts } from "./form.ts";
import type { BroadcastPlan } from "./plan.ts";

export type SendResult = { ok: true; id: number } | { ok: false; error: "duplicate"; id: number };

const byKey = "(SELECT id FROM broadcasts WHERE key = ?)";

export async function saveBroadcast(
  db: Db,
  input: {
    key: string;
    actor: string;
    now: Date;
    texts: Texts;
    audience: Audience;
    plan: BroadcastPlan;
    /** Statements that belong with this broadcast in its one batch (a poll and its recipients). */
    with?: InStatement[];
  },
): Promise<SendResult> {
  const { key, actor, now, texts, audience, plan } = input;
  const at = now.toISOString();
  const due = plan.sendAt.toISOString();
  const statements: InStatement[] = [
    sql(
      `INSERT INTO broadcasts (key, actor, created_at, send_at, texts, filter, recipients, sms_segments, cost_pence)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      key,
      actor,
      at,
      due,
      JSON.stringify(texts),
      JSON.stringify(audience),
      plan.recipients,
      plan.smsSegments,
      plan.costPence,
    ),
    ...plan.messages.map((m) =>
      sql(
        `INSERT INTO outbox (channel, address, body, next_attempt_at, created_at, broadcast_id)
         VALUES (?, ?, ?, ?, ?, ${byKey})`,
        m.channel,
        m.address,
        m.body,
        due,
        at,
        key,
      ),
    ),
    auditStatement(
      {
        actor,
        action: "broadcast.send",
        subject: `broadcast:${key}`,
        before: null,
        after: {
          texts,
          audience,
          recipients: plan.recipients,
          sendAt: due,
          smsSegments: plan.smsSegments,
          costPence: plan.costPence,
        },
      },
      now,
      { key: "broadcastId", subquery: "SELECT id FROM broadcasts WHERE key = ?", args: [key] },
    ),
    ...(input.with ?? []),
  ];
  try {
    await db.batch(statements, "write");
  } catch (error) {
    if (!isConflict(error)) throw error;
    const existing = await db.execute(sql(`SELECT id FROM broadcasts WHERE key = ?`, key));
    const id = existing.rows[0]?.id;
    if (id === undefined) throw error;
    return { ok: false, error: "duplicate", id: Number(id) };
  }
  const saved = await db.execute(sql("SELECT id FROM broadcasts WHERE key = ?", key));
  return { ok: true, id: Number(saved.rows[0]?.id) };
}

export interface PastBroadcast {
  id: number;
  key: string;
  actor: string;
  createdAt: string;
  sendAt: string;
  texts: Texts;
  audience: Audience;
  recipients: number;
  smsSegments: number;
  costPence: number;
  sent: number;
  failed: number;
}

/** Newest first. */
export async function listBroadcasts(db: Db, limit = 20): Promise<PastBroadcast[]> {
  const result = await db.execute(
    sql(
      `SELECT b.*,
         (SELECT COUNT(*) FROM outbox o WHERE o.broadcast_id = b.id AND o.status = 'sent') AS sent,
         (SELECT COUNT(*) FROM outbox o WHERE o.broadcast_id = b.id AND o.status = 'failed') AS failed
       FROM broadcasts b ORDER BY b.id DESC LIMIT ?`,
      limit,
    ),
  );
  return result.rows.map((r) => ({
    id: Number(r.id),
    key: String(r.key),
    actor: String(r.actor),
    createdAt: String(r.created_at),
    sendAt: String(r.send_at),
    texts: JSON.parse(String(r.texts)) as Texts,
    audience: JSON.parse(String(r.filter)) as Audience,
    recipients: Number(r.recipients),
    smsSegments: Number(r.sms_segments),
    costPence: Number(r.cost_pence),
    sent: Number(r.sent),
    failed: Number(r.failed),
  }));
}
