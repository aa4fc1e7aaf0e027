// The Telegram step-by-step log built the way most grammY bots are written: the @grammyjs/conversations
// plugin (2.x), its state kept in a libSQL table on the same WAL file database by a small storage
// adapter, against ours, per update at conversation steps 1, 5 and 20.
//
// Both answer the same texts, LOG → 1 (partner) → 2 (hours) → SKIP (activity) → 1 (confirm), again and
// again: step 1 is the first LOG, step 5 the first confirm, step 20 the fourth confirm. The plugin keeps
// one conversation going (after a confirm it waits for the next LOG), as a bot does that lets people
// log several entries or re-asks a question after a wrong answer; each update replays the whole
// conversation so far from its stored log. Ours keeps only the question being asked.
import {
  type Conversation,
  type ConversationFlavor,
  conversations,
  createConversation,
} from "@grammyjs/conversations";
import { Bot, type Context, webhookCallback } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { Hono } from "hono";
import { type Db, sql } from "../src/store/db.ts";
import { type CountingDb, countingDb } from "../test/support/counting-db.ts";
import { drive } from "./flows.ts";
import { percentile } from "./measure.ts";
import { sendText, tgUser, type World } from "./setup.ts";
import { BOT_TOKEN, telegramRequest, textUpdate, WEBHOOK_SECRET } from "./wire.ts";

export const STEPS = [1, 5, 20] as const;
/** What the member says, in order, on both bots. */
const SCRIPT = ["LOG", "1", "2", "SKIP", "1"];
const textAt = (step: number) => SCRIPT[(step - 1) % SCRIPT.length] ?? "LOG";

type Ctx = ConversationFlavor<Context>;

interface PartnerRow {
  id: string;
  name: string;
  activities: string[];
}

/** The plugin's storage: one row per chat in a libSQL table, the plugin's state as JSON. */
function libsqlStorage(db: Db) {
  return {
    async read(key: string) {
      const [result] = await db.batch(
        [sql("SELECT state FROM grammy_conversations WHERE key = ?", key)],
        "read",
      );
      const row = result?.rows[0];
      return row ? JSON.parse(String(row.state)) : undefined;
    },
    async write(key: string, state: unknown) {
      await db.batch(
        [
          sql(
            `INSERT INTO grammy_conversations (key, state) VALUES (?, ?)
             ON CONFLICT (key) DO UPDATE SET state = excluded.state`,
            key,
            JSON.stringify(state),
          ),
        ],
        "write",
      );
    },
    async delete(key: string) {
      await db.batch([sql("DELETE FROM grammy_conversations WHERE key = ?", key)], "write");
    },
  };
}

const BOT_INFO = {
  id: 123456,
  is_bot: true,
  first_name: "Time Credits",
  username: "timecredits_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

/** The plugin bot: the conversation as a grammY tutorial would write it, Bot API calls answered in process. */
export function pluginBot(db: Db): { bot: Bot<Ctx>; app: Hono; apiCalls: () => number } {
  let calls = 0;
  let messageId = 1;
  // No network: every Bot API call succeeds at once (ours puts its replies in the outbox instead). A
  // fetch, not an API transformer: the plugin builds its own Api for each replayed context.
  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    calls++;
    const method = String(input).split("/").pop() ?? "";
    const payload = JSON.parse(String(init?.body ?? "{}")) as { chat_id?: number; text?: string };
    const result =
      method === "sendMessage"
        ? {
            message_id: ++messageId,
            date: 1_795_975_200,
            chat: { id: Number(payload.chat_id ?? 0), type: "private", first_name: "M" },
            text: payload.text ?? "",
          }
        : true;
    return new Response(JSON.stringify({ ok: true, result }), {
      headers: { "content-type": "application/json" },
    });
  };
  const bot = new Bot<Ctx>(BOT_TOKEN, {
    botInfo: BOT_INFO,
    client: { fetch: fakeFetch as typeof fetch },
  });

  async function logHours(conversation: Conversation<Ctx, Context>, ctx: Context) {
    const telegramId = ctx.from?.id ?? 0;
    const member = await conversation.external(async () => {
      const { rows } = await db.execute({
        sql: "SELECT id, name FROM members WHERE telegram_id = ?",
        args: [telegramId],
      });
      return rows[0] ? { id: Number(rows[0].id), name: String(rows[0].name) } : null;
    });
    if (!member) {
      await ctx.reply("Please join first: send START.");
      return;
    }
    const partners = await conversation.external(async (): Promise<PartnerRow[]> => {
      const { rows } = await db.execute(
        "SELECT id, name, activities FROM partners WHERE earn = 1 ORDER BY id = 'staithe' DESC, name",
      );
      return rows.map((r) => ({
        id: String(r.id),
        name: String(r.name),
        activities: (JSON.parse(String(r.activities)) as Array<string | { id: string }>).map((a) =>
          typeof a === "string" ? a : a.id,
        ),
      }));
    });
    for (;;) {
      await ctx.reply(
        `Where did you volunteer? Reply with a number:\n${partners.map((p, i) => `${i + 1} ${p.name}`).join("\n")}`,
      );
      let partner: PartnerRow | undefined;
      while (!partner) {
        const answer = await conversation.waitFor("message:text");
        partner = partners[Number(answer.message.text.trim()) - 1];
        if (!partner) await answer.reply("Reply with a number from the list.");
      }
      await ctx.reply("How many hours?");
      let minutes = 0;
      while (!minutes) {
        const answer = await conversation.waitFor("message:text");
        const hours = Number(answer.message.text.trim().replace(",", "."));
        if (hours > 0 && hours <= 24) minutes = Math.round(hours * 60);
        else await answer.reply("Send the hours as a number, e.g. 2 or 1.5.");
      }
      await ctx.reply(
        `What did you do? ${partner.activities.map((a, i) => `${i + 1} ${a}`).join(", ")}, or SKIP`,
      );
      const said = (await conversation.waitFor("message:text")).message.text.trim();
      const activity = partner.activities[Number(said) - 1] ?? null;
      await ctx.reply(`Log ${minutes / 60} h at ${partner.name}? 1 = yes, 2 = no`);
      const yes = (await conversation.waitFor("message:text")).message.text.trim() === "1";
      if (yes) {
        const chosen = partner;
        await conversation.external(() =>
          db.batch(
            [
              sql(
                `INSERT INTO bench_plugin_log (member_id, partner_id, minutes, activity, created_at)
                 VALUES (?, ?, ?, ?, ?)`,
                member.id,
                chosen.id,
                minutes,
                activity,
                new Date().toISOString(),
              ),
            ],
            "write",
          ),
        );
      }
      await ctx.reply(yes ? "Logged; the partner will confirm it. Send LOG to log more." : "Cancelled.");
      await conversation.waitForHears(/^\s*log\s*$/i);
    }
  }

  bot.use(conversations({ storage: { type: "key", adapter: libsqlStorage(db) } }));
  bot.use(createConversation(logHours, "log"));
  bot.hears(/^\s*log\s*$/i, (ctx) => ctx.conversation.enter("log"));
  // Served as ours is: POST /telegram on Hono, the secret header checked (grammY's webhook adapter).
  const app = new Hono();
  app.post("/telegram", webhookCallback(bot, "hono", { secretToken: WEBHOOK_SECRET }));
  return { bot, app, apiCalls: () => calls };
}

export interface StepFigures {
  step: number;
  text: string;
  updates: number;
  p50Us: number;
  meanUs: number;
  cpuUsPerUpdate: number;
  roundTrips: number;
  reads: number;
  writes: number;
  /** Bytes of the plugin's stored state after the update (ours: none). */
  stateBytes?: number;
}

export interface ConversationsReport {
  steps: Array<{ step: number; ours: StepFigures; plugin: StepFigures; ratio: { p50: number; cpu: number } }>;
  notes: string[];
}

async function timeEach(
  sends: Array<() => Promise<unknown>>,
  db: CountingDb,
): Promise<Omit<StepFigures, "step" | "text">> {
  const latencies: number[] = [];
  const before = db.trips.length;
  const cpu = process.cpuUsage();
  for (const send of sends) {
    const t0 = performance.now();
    await send();
    latencies.push((performance.now() - t0) * 1000);
  }
  const used = process.cpuUsage(cpu);
  const trips = db.trips.slice(before).filter((t) => !t.intercepted);
  const n = sends.length;
  latencies.sort((a, b) => a - b);
  return {
    updates: n,
    p50Us: Math.round(percentile(latencies, 50)),
    meanUs: Math.round(latencies.reduce((a, b) => a + b, 0) / n),
    cpuUsPerUpdate: Math.round((used.user + used.system) / n),
    roundTrips: trips.length / n,
    reads: trips.filter((t) => t.kind === "read").length / n,
    writes: trips.filter((t) => t.kind === "write").length / n,
  };
}

/** For each step N: `people` fresh members on each bot, N−1 updates untimed, then update N timed. */
export async function measureConversations(
  world: World,
  people: number,
  /** Run before each step (run.ts expires the requests earlier phases left open). */
  reset: () => Promise<void> = async () => undefined,
): Promise<ConversationsReport> {
  await world.raw.batch(
    [
      "CREATE TABLE IF NOT EXISTS grammy_conversations (key TEXT PRIMARY KEY, state TEXT NOT NULL)",
      `CREATE TABLE IF NOT EXISTS bench_plugin_log (id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL,
         partner_id TEXT NOT NULL, minutes INTEGER NOT NULL, activity TEXT, created_at TEXT NOT NULL)`,
    ],
    "write",
  );
  const pluginDb = countingDb(world.raw);
  const { app } = pluginBot(pluginDb);
  const post = async (update: Record<string, unknown>) => {
    const res = await app.request("/telegram", telegramRequest(update));
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`the plugin bot answered ${res.status}`);
  };
  const steps: ConversationsReport["steps"] = [];
  for (const step of STEPS) {
    await reset();
    const members = world.take("telegram", people * 2);
    const ours = members.slice(0, people);
    const theirs = members.slice(people);
    // Untimed: every member has written once, then the first N−1 updates of the script.
    await drive(
      world.app,
      ours.map((p) => [sendText(tgUser(p), "HELP")]),
    );
    const prior = Array.from({ length: step - 1 }, (_, i) => textAt(i + 1));
    await drive(
      world.app,
      ours.map((p) => prior.map((text) => sendText(tgUser(p), text))),
    );
    for (const p of theirs) for (const text of prior) await post(textUpdate(tgUser(p), text));
    const text = textAt(step);
    const oursFigures = await timeEach(
      ours.map((p) => async () => {
        const res = await sendText(tgUser(p), text)(world.app);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`ours answered ${res.status} at step ${step}`);
      }),
      world.db,
    );
    const pluginFigures = await timeEach(
      theirs.map((p) => () => post(textUpdate(tgUser(p), text))),
      pluginDb,
    );
    const { rows } = await world.raw.execute({
      sql:
        "SELECT AVG(LENGTH(state)) AS bytes FROM grammy_conversations WHERE key IN (" +
        theirs.map(() => "?").join(", ") +
        ")",
      args: theirs.map((p) => String(p.telegramId)),
    });
    const plugin = { step, text, ...pluginFigures, stateBytes: Math.round(Number(rows[0]?.bytes ?? 0)) };
    const ourStep = { step, text, ...oursFigures };
    steps.push({
      step,
      ours: ourStep,
      plugin,
      ratio: {
        p50: Number((plugin.p50Us / ourStep.p50Us).toFixed(2)),
        cpu: Number((plugin.cpuUsPerUpdate / ourStep.cpuUsPerUpdate).toFixed(2)),
      },
    });
  }
  return {
    steps,
    notes: [
      "Same texts on both: LOG, 1, 2, SKIP, 1, repeated; step N is the N-th update of that person (step 1 = LOG, 5 = first confirm, 20 = fourth confirm).",
      "The plugin keeps one conversation (after a confirm it waits for the next LOG), so step N replays N-1 earlier updates from its stored log; ours stores only the open question.",
      "Plugin: @grammyjs/conversations with a libSQL storage adapter (one read, one write of its state per update) and conversation.external for the member, the partner list and the log entry; Bot API calls answered in process at no cost. It does less than ours: no inbound record (a redelivered update counts twice), no partner request or outbox message, no per-member language.",
      "Both through POST /telegram with the secret header, on Hono, in process: ours the real app (inbound record, replies written to the outbox); the plugin's bot behind grammY's webhookCallback(bot, \"hono\").",
      "ratio = plugin ÷ ours (above 1: the plugin is slower).",
    ],
  };
}

export function renderConversations(r: ConversationsReport): string {
  const head = [
    "step",
    "text",
    "ours µs p50",
    "ours CPU µs",
    "ours RT (R+W+other)",
    "plugin µs p50",
    "plugin CPU µs",
    "plugin RT (R+W+other)",
    "state bytes",
    "plugin ÷ ours",
  ];
  const rt = (f: StepFigures) => {
    const other = f.roundTrips - f.reads - f.writes;
    return `${f.roundTrips.toFixed(2)} (${f.reads.toFixed(2)}+${f.writes.toFixed(2)}${other > 0 ? `+${other.toFixed(2)}` : ""})`;
  };
  const lines = r.steps.map((s) => [
    String(s.step),
    s.ours.text,
    String(s.ours.p50Us),
    String(s.ours.cpuUsPerUpdate),
    rt(s.ours),
    String(s.plugin.p50Us),
    String(s.plugin.cpuUsPerUpdate),
    rt(s.plugin),
    String(s.plugin.stateBytes ?? 0),
    `${s.ratio.p50.toFixed(2)}× (CPU ${s.ratio.cpu.toFixed(2)}×)`,
  ]);
  return table(head, lines);
}

/** A Markdown table, columns padded. */
export function table(head: string[], lines: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [fmt(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...lines.map(fmt)].join("\n");
}
