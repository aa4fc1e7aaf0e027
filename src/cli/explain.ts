// `timecredits explain "ile mam kredytów?" [--context yesno|name|first|partner] [--lang pl] [--scheme file]`:
// how the bot understands a message (intent, pieces, confidence and why), against a scheme file's
// partners and offers (the demo scheme unless told). Also the corpus tools' view of a scheme.
import { readFileSync } from "node:fs";
import type { SpendItem } from "../core/engine-types.ts";
import { LOCALES, type Locale, type Partner } from "../core/types.ts";
import { type CorpusLine, situationFor } from "../core/understand/corpus.ts";
import { understand } from "../core/understand/index.ts";
import { normaliseActivity, parseScheme } from "../scheme/schema.ts";

const DEMO = new URL("../../examples/demo-scheme.json", import.meta.url);

/** A scheme file's partners and things to spend on, as the engine sees them. */
export function schemeWorld(file: string | URL = DEMO): { partners: Partner[]; items: SpendItem[] } {
  const parsed = parseScheme(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.ok) throw new Error(`${String(file)} is not a valid scheme file`);
  const s = parsed.scheme;
  const partners: Partner[] = s.partners.map((p) => ({
    id: p.id,
    name: p.name,
    earn: p.earn,
    spend: p.spend,
    aliases: p.aliases,
    activities: p.activities.map(normaliseActivity),
  }));
  const item = (
    kind: "event" | "offer",
    i: { id: string; partner: string; title: { en?: string; pl?: string; lv?: string }; cost: number },
  ): SpendItem => ({
    kind,
    id: i.id,
    partnerId: i.partner,
    title: {
      ...(i.title.en && { en: i.title.en }),
      ...(i.title.pl && { pl: i.title.pl }),
      ...(i.title.lv && { lv: i.title.lv }),
    },
    startsAt: null,
    cost: Math.round(i.cost * 60),
    valuePence: null,
    community: false,
    family: false,
    capacity: null,
    booked: 0,
  });
  return {
    partners,
    items: [...s.offers.map((o) => item("offer", o)), ...s.events.map((e) => item("event", e))],
  };
}

const CONTEXTS = ["idle", "first", "yesno", "name", "partner"] as const;

export function explain(args: string[]): number {
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const context = (flag("context") ?? "idle") as CorpusLine["context"];
  const lang = (flag("lang") ?? "en") as Locale;
  const scheme = flag("scheme");
  const text = args.join(" ");
  if (!text || !CONTEXTS.includes(context) || !LOCALES.includes(lang)) {
    console.error(
      'usage: timecredits explain "<message>" [--context idle|first|yesno|name|partner] [--lang en|pl|lv] [--scheme file]',
    );
    return 2;
  }
  const world = schemeWorld(scheme ?? DEMO);
  const u = understand(text, situationFor({ text, context, intent: "", lang }, world.partners, world.items));
  const what = u.command
    ? `${u.command.intent}${u.command.rest ? ` "${u.command.rest}"` : ""}${u.command.langTarget ? ` → ${u.command.langTarget}` : ""}`
    : u.guesses.length
      ? `ask: did you mean ${u.guesses.map((g) => g.intent).join(" or ")}?`
      : "nothing to act on";
  console.log(`message:    ${text}`);
  console.log(`intent:     ${u.label}`);
  console.log(`acts as:    ${what}`);
  if (u.name) console.log(`name:       ${u.name}`);
  console.log(`language:   ${u.lang ?? "not clear"}`);
  console.log(`confidence: ${u.confidence}`);
  console.log("why:");
  for (const line of u.why) console.log(`  ${line}`);
  return 0;
}
