// Polls before events, for the dashboard and its API: a question with 2–5 options per language goes
// to a broadcast audience as one message each (previewed with its cost, held back in quiet hours,
// opted-out members left out — it is a broadcast), and every member it went to may answer once by
// SMS, WhatsApp or Telegram (a later answer replaces the earlier). Results are counted live; a poll
// becomes an event in one step.
import * as z from "zod/mini";
import { type BroadcastErrors, broadcastSchema } from "../admin/broadcast/form.ts";
import type { BroadcastPlan } from "../admin/broadcast/plan.ts";
import { newBroadcastKey, prepareBroadcast } from "../admin/broadcast/prepare.ts";
import { saveBroadcast } from "../admin/broadcast/store.ts";
import { type Outcome, refuse, saveEvent } from "../admin/events/save.ts";
import type { EventRecord } from "../admin/events/store.ts";
import { type LocalText, MAX_OPTIONS, MIN_OPTIONS, pollText } from "../core/polls.ts";
import { firstName } from "../core/posts.ts";
import { LOCALES, type Locale } from "../core/types.ts";
import type { Deps } from "../deps.ts";
import { deliverDue } from "../jobs/outbox.ts";
import { lazy } from "../lib/lazy.ts";
import { auditStatement } from "../store/audit.ts";
import { GUARD, sql } from "../store/db.ts";

const DAY = 86_400_000;

export const pollSchema = lazy(() => {
  const text = z.string().check(z.trim(), z.minLength(1), z.maxLength(160));
  const localText = z.object({
    en: text,
    pl: z.optional(z.string().check(z.trim(), z.maxLength(160))),
    lv: z.optional(z.string().check(z.trim(), z.maxLength(160))),
  });
  return z.object({
    question: localText,
    options: z.array(localText).check(z.minLength(MIN_OPTIONS), z.maxLength(MAX_OPTIONS)),
    audience: broadcastSchema().shape.audience,
    /** Days the poll takes answers (default 7). */
    days: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(60)), 7),
    /** The idea the poll asks about, when it came from one. */
    ideaId: z.optional(z.number().check(z.int(), z.positive())),
    /** True: work out who gets it and the cost, send nothing. */
    preview: z._default(z.boolean(), false),
  });
});

export type PollInput = z.infer<ReturnType<typeof pollSchema>>;

export type PollSent =
  | { ok: true; preview: boolean; id: number | null; plan: BroadcastPlan }
  | { ok: false; error: "nobody" }
  | { ok: false; error: "invalid"; errors: BroadcastErrors };

/** Each language's message: the question and numbered options as that language has them (English else). */
function pollTexts(deps: Deps, input: PollInput) {
  const n = input.options.length;
  return Object.fromEntries(
    LOCALES.map((l) => [
      l,
      pollText(
        input.question as LocalText,
        input.options as LocalText[],
        l,
        deps.i18n.t(l, "poll.how", { count: n }),
      ),
    ]),
  ) as Record<(typeof LOCALES)[number], string>;
}

export async function sendPoll(deps: Deps, input: PollInput, actor: string): Promise<PollSent> {
  const key = newBroadcastKey();
  const prepared = await prepareBroadcast(deps, {
    texts: pollTexts(deps, input),
    audience: input.audience,
    key,
  });
  if (!prepared.ok) return { ok: false, error: "invalid", errors: prepared.errors };
  const { plan } = prepared;
  if (input.preview) return { ok: true, preview: true, id: null, plan };
  if (!plan.recipients) return { ok: false, error: "nobody" };
  const now = deps.now();
  const at = now.toISOString();
  const poll = "(SELECT id FROM polls WHERE broadcast_id = (SELECT id FROM broadcasts WHERE key = ?))";
  const members = JSON.stringify([...new Set(plan.messages.map((m) => m.memberId))]);
  const saved = await saveBroadcast(deps.db, {
    key,
    actor,
    now,
    texts: prepared.input.texts,
    audience: input.audience,
    plan,
    with: [
      sql(
        `INSERT INTO polls (question, options, audience, broadcast_id, idea_id, created_by, created_at, closes_at)
         VALUES (?, ?, ?, (SELECT id FROM broadcasts WHERE key = ?), ?, ?, ?, ?)`,
        JSON.stringify(input.question),
        JSON.stringify(input.options),
        JSON.stringify(input.audience),
        key,
        input.ideaId ?? null,
        actor,
        at,
        new Date(now.getTime() + input.days * DAY).toISOString(),
      ),
      sql(
        `INSERT INTO poll_recipients (poll_id, member_id) SELECT ${poll}, value FROM json_each(?)`,
        key,
        members,
      ),
      ...(input.ideaId
        ? [sql(`UPDATE ideas SET poll_id = ${poll} WHERE id = ? AND poll_id IS NULL`, key, input.ideaId)]
        : []),
      auditStatement(
        {
          actor,
          action: "poll.create",
          subject: `broadcast:${key}`,
          before: null,
          after: {
            question: input.question,
            options: input.options,
            recipients: plan.recipients,
            days: input.days,
          },
        },
        now,
        { key: "pollId", subquery: poll.slice(1, -1), args: [key] },
      ),
    ],
  });
  if (!saved.ok) return { ok: false, error: "nobody" };
  const row = await deps.db.execute(sql(`SELECT id FROM polls WHERE broadcast_id = ?`, saved.id));
  if (!plan.deferred) deps.later(deliverDue(deps, 200).then(() => undefined));
  return { ok: true, preview: false, id: Number(row.rows[0]?.id), plan };
}

export interface PollResults {
  id: number;
  question: LocalText;
  options: LocalText[];
  /** Answers per option, in order. */
  counts: number[];
  voters: number;
  recipients: number;
  createdAt: string;
  closesAt: string;
  closedAt: string | null;
  eventId: string | null;
  ideaId: number | null;
}

export async function pollResults(deps: Deps, id: number): Promise<PollResults | null> {
  return (await readPolls(deps, "WHERE id = ?", [id]))[0] ?? null;
}

export async function listPolls(deps: Deps): Promise<PollResults[]> {
  return readPolls(deps, "ORDER BY id DESC LIMIT 100", []);
}

/** Polls with their counts, in one read batch whatever their number. */
async function readPolls(deps: Deps, where: string, args: number[]): Promise<PollResults[]> {
  const ids = `SELECT id FROM polls ${where}`;
  const [polls, votes, recipients] = await deps.db.batch(
    [
      sql(`SELECT * FROM polls WHERE id IN (${ids}) ORDER BY id DESC`, ...args),
      sql(
        `SELECT poll_id, option, COUNT(*) AS n FROM poll_votes WHERE poll_id IN (${ids}) GROUP BY poll_id, option`,
        ...args,
      ),
      sql(
        `SELECT poll_id, COUNT(*) AS n FROM poll_recipients WHERE poll_id IN (${ids}) GROUP BY poll_id`,
        ...args,
      ),
    ],
    "read",
  );
  return (polls?.rows ?? []).map((p) => {
    const id = Number(p.id);
    const options = JSON.parse(String(p.options)) as LocalText[];
    const counts = options.map((_, i) =>
      Number(votes?.rows.find((r) => Number(r.poll_id) === id && Number(r.option) === i + 1)?.n ?? 0),
    );
    return {
      id,
      question: JSON.parse(String(p.question)) as LocalText,
      options,
      counts,
      voters: counts.reduce((a, b) => a + b, 0),
      recipients: Number(recipients?.rows.find((r) => Number(r.poll_id) === id)?.n ?? 0),
      createdAt: String(p.created_at),
      closesAt: String(p.closes_at),
      closedAt: p.closed_at === null ? null : String(p.closed_at),
      eventId: p.event_id === null ? null : String(p.event_id),
      ideaId: p.idea_id === null ? null : Number(p.idea_id),
    };
  });
}

export const pollEventSchema = lazy(() =>
  z.object({
    /** The option (from 1) the event is for. */
    option: z.number().check(z.int(), z.positive()),
    partner: z.string().check(z.minLength(1)),
    /** Local time in the scheme's timezone, as the events form takes it. */
    startsAt: z.string(),
    cost: z._default(z.number().check(z.minimum(0), z.maximum(100)), 1),
    capacity: z._default(z.nullable(z.number().check(z.int(), z.positive())), null),
  }),
);

/**
 * The poll becomes an event in one step: the chosen option's words are its title in each language,
 * the poll closes and points at it. The event is an ordinary one (bookings, holds, cancelling).
 */
export async function pollToEvent(
  deps: Deps,
  id: number,
  input: z.infer<ReturnType<typeof pollEventSchema>>,
  actor: string,
): Promise<Outcome<EventRecord>> {
  const poll = await pollResults(deps, id);
  if (!poll) return refuse({ form: "events:errors.notFound" }, 404);
  if (poll.eventId) return refuse({ form: "events:errors.conflict" }, 409);
  const option = poll.options[input.option - 1];
  if (!option) return refuse({ option: "events:errors.notFound" }, 400);
  const title = { en: option.en, pl: option.pl || option.en, lv: option.lv || option.en };
  const saved = await saveEvent(
    deps,
    {
      partner: input.partner,
      title,
      startsAt: input.startsAt,
      cost: input.cost,
      capacity: input.capacity,
      community: true,
      family: false,
      minPlaces: null,
      decideBy: null,
    },
    { id: null },
    actor,
  );
  if (!saved.ok) return saved;
  const now = deps.now().toISOString();
  await deps.db.batch(
    [
      sql(
        "UPDATE polls SET event_id = ?, closed_at = COALESCE(closed_at, ?) WHERE id = ? AND event_id IS NULL",
        saved.record.id,
        now,
        id,
      ),
      ...GUARD,
      auditStatement(
        {
          actor,
          action: "poll.event",
          subject: `poll:${id}`,
          before: null,
          after: { event: saved.record.id },
        },
        deps.now(),
      ),
    ],
    "write",
  );
  return saved;
}

export interface Idea {
  id: number;
  /** The member who sent IDEA …, or null for a partner's proposed poll. */
  memberId: number | null;
  /** The member's first name, or "Oasis Community Centre (Sue)" for a partner's contact. */
  name: string;
  body: string;
  createdAt: string;
  pollId: number | null;
  /** A partner's POLL by SMS: its options as typed, the partner, and the contact's language. */
  proposal: { options: string[]; partnerId: string; locale: Locale } | null;
}

export async function listIdeas(deps: Deps): Promise<Idea[]> {
  const rows = await deps.db.execute(
    `SELECT i.id, i.member_id, m.name, i.body, i.created_at, i.poll_id, i.options, i.partner_id,
            pc.name AS contact_name, pc.locale AS contact_locale, COALESCE(p.name, i.partner_id) AS partner_name
     FROM ideas i LEFT JOIN members m ON m.id = i.member_id
     LEFT JOIN partner_contacts pc ON pc.id = i.contact_id LEFT JOIN partners p ON p.id = i.partner_id
     WHERE i.member_id IS NULL OR m.deleted_at IS NULL ORDER BY i.id DESC LIMIT 200`,
  );
  return rows.rows.map((r) => {
    const options = r.options === null ? null : (JSON.parse(String(r.options)) as string[]);
    const fromPartner = r.member_id === null;
    return {
      id: Number(r.id),
      memberId: fromPartner ? null : Number(r.member_id),
      name: fromPartner
        ? `${String(r.partner_name ?? "")}${r.contact_name ? ` (${String(r.contact_name)})` : ""}`
        : firstName(String(r.name)),
      body: String(r.body),
      createdAt: String(r.created_at),
      pollId: r.poll_id === null ? null : Number(r.poll_id),
      proposal:
        options && r.partner_id !== null
          ? {
              options,
              partnerId: String(r.partner_id),
              locale: (String(r.contact_locale ?? "en") as Locale) || "en",
            }
          : null,
    };
  });
}
