// SMS segments: every bot reply template (locales/*/bot.json) in each language, filled with realistic
// long values, as written and through plainLetters(); and the SMS of the whole loop — a member logs
// hours, the partner is asked to confirm, confirms, the member is told — sent through the real app.
import en from "../locales/en/bot.json" with { type: "json" };
import lv from "../locales/lv/bot.json" with { type: "json" };
import pl from "../locales/pl/bot.json" with { type: "json" };
import { plain, renderMessages } from "../src/channels/render-text.ts";
import { createI18n } from "../src/i18n/index.ts";
import type { MessageKey } from "../src/i18n/keys.ts";
import { plainLetters } from "../src/lib/plain-letters.ts";
import { countSegments, type Encoding } from "../src/lib/segments.ts";
import { drive } from "./flows.ts";
import { rows, sendSms, type World } from "./setup.ts";

export const LANGUAGES = ["en", "pl", "lv"] as const;
type Lang = (typeof LANGUAGES)[number];
const TEMPLATES: Record<Lang, unknown> = { en, pl, lv };
const MAX_SEGMENTS = 2;

/** The people and partners of the loop, added to the bench's copy of the demo scheme. */
export const LOOP = {
  en: {
    member: { name: "Siobhan O'Sullivan-Whitmore", phone: "+447944000001" },
    partner: { id: "foodbank-en", alias: "foodbank", name: "Wisbech Community House & Food Bank" },
    contact: { name: "Katherine Wellington", phone: "+447944000101" },
  },
  pl: {
    member: { name: "Małgorzata Wiśniewska", phone: "+447944000002" },
    partner: { id: "foodbank-pl", alias: "pantry", name: "Wisbech Community House & Food Bank (Hill St)" },
    contact: { name: "Grzegorz Brzęczyszczykiewicz", phone: "+447944000102" },
  },
  lv: {
    member: { name: "Jānis Bērziņš", phone: "+447944000003" },
    partner: { id: "foodbank-lv", alias: "larder", name: "Wisbech Community House & Food Bank (Norfolk St)" },
    contact: { name: "Kristīne Ozoliņa", phone: "+447944000103" },
  },
} as const;
/** The same people again, each of them with the plain-letters option on (members.plain_sms). */
export const PLAIN_LOOP = {
  en: {
    member: { ...LOOP.en.member, phone: "+447944000011" },
    partner: { ...LOOP.en.partner, id: "foodbank-en-plain", alias: "foodhub" },
    contact: { ...LOOP.en.contact, phone: "+447944000111" },
  },
  pl: {
    member: { ...LOOP.pl.member, phone: "+447944000012" },
    partner: { ...LOOP.pl.partner, id: "foodbank-pl-plain", alias: "spizarnia" },
    contact: { ...LOOP.pl.contact, phone: "+447944000112" },
  },
  lv: {
    member: { ...LOOP.lv.member, phone: "+447944000013" },
    partner: { ...LOOP.lv.partner, id: "foodbank-lv-plain", alias: "noliktava" },
    contact: { ...LOOP.lv.contact, phone: "+447944000113" },
  },
} as const;
type LoopPeople = (typeof LOOP)[Lang] | (typeof PLAIN_LOOP)[Lang];

// biome-ignore lint/suspicious/noExplicitAny: the scheme file is JSON (see createWorld).
export function addLoopPeople(scheme: any): void {
  for (const lang of LANGUAGES)
    for (const { member, partner, contact } of [LOOP[lang], PLAIN_LOOP[lang]]) {
      scheme.partners.push({
        id: partner.id,
        name: partner.name,
        earn: true,
        spend: false,
        aliases: [partner.alias],
        activities: [
          {
            id: "sorting",
            title: {
              en: "Sorting food parcels",
              pl: "Sortowanie paczek żywnościowych",
              lv: "Pārtikas paku šķirošana",
            },
          },
        ],
        contacts: [{ name: contact.name, phone: contact.phone, locale: lang }],
      });
      scheme.members.push({ name: member.name, phone: member.phone, locale: lang });
    }
}

/** Values a reply is filled with: long names, 3-digit balances, days written out in each language. */
const VALUES: Record<Lang, Record<string, string>> = {
  en: {
    day: "Wednesday 24 December",
    when: "Wed 24 Dec 18:00",
    date: "24/12",
    since: "24 Dec",
    lang: "English",
    what: "Sorting food parcels",
    title: "Family bingo and Christmas carols",
    reason: "We were closed that day",
  },
  pl: {
    day: "środa 24 grudnia",
    when: "śr. 24 gru 18:00",
    date: "24.12",
    since: "24 gru",
    lang: "polski",
    what: "Sortowanie paczek żywnościowych",
    title: "Rodzinne bingo i kolędowanie",
    reason: "Tego dnia było zamknięte",
  },
  lv: {
    day: "trešdiena, 24. decembris",
    when: "treš. 24. dec. 18:00",
    date: "24.12.",
    since: "24. dec.",
    lang: "latviešu",
    what: "Pārtikas paku šķirošana",
    title: "Ģimenes bingo un Ziemassvētku dziesmas",
    reason: "Tajā dienā bijām slēgti",
  },
};
const COMMON: Record<string, string> = {
  place: "Wisbech Community House & Food Bank",
  places: "4",
  scheme: "Wisbech Time Credits",
  code: "4821",
  codes: "4821, 5307, 6142",
  time: "18:00",
  cost: "3",
  value: "£8",
  limit: "20",
  max: "20",
  minutes: "45",
  numbers: "+447700900311, +48601234567",
  number: "+37126123456",
  text: "GODZINY 3 ogród wczoraj",
  alias: "foodbank",
  entries: "57",
};
const MEMBER: Record<Lang, string> = {
  en: "Siobhan O'Sullivan-Whitmore",
  pl: "Małgorzata Wiśniewska",
  lv: "Jānis Bērziņš",
};
const NAMES = "Małgorzata Wiśniewska, Jānis Bērziņš, Siobhan O'Sullivan-Whitmore";

/** A 3-digit number (or a fraction, for Polish "other") of the plural form the key's suffix names. */
function countFor(lang: Lang, form: string | undefined): number {
  const rules = new Intl.PluralRules(lang);
  const want = form ?? "other";
  return [125, 124, 121, 120, 111, 1, 0, 2.5].find((n) => rules.select(n) === want) ?? 125;
}

function fill(lang: Lang, key: string, template: string): string {
  const values = valuesFor(lang, key);
  return template.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => values[name] ?? `<${name}>`);
}

function valuesFor(lang: Lang, key: string): Record<string, string> {
  const form = /_(zero|one|two|few|many|other)$/.exec(key)?.[1];
  const count = countFor(lang, form);
  const decimal = (n: number) => (lang === "en" ? String(n) : String(n).replace(".", ","));
  // `name` is a member when greeted, a partner (long name) everywhere else.
  const greeting = /^(greet|join|start|stop|consent|welcome)\b/.test(key);
  const values: Record<string, string> = {
    ...COMMON,
    ...VALUES[lang],
    name: greeting ? MEMBER[lang] : (COMMON.place ?? ""),
    member: MEMBER[lang],
    who: MEMBER[lang],
    names: NAMES,
    count: decimal(count),
    credits: decimal(count),
    n: decimal(form ? count : 12),
    left: decimal(form ? count : 118),
    hours: decimal(form ? count : 12.5),
  };
  return values;
}

const i18n = createI18n();

/**
 * The template as the app sends it: rendered by the SMS renderer with the same values, which
 * shortens names and free text (never codes or keywords) or splits a long reply until each SMS fits.
 */
function asSent(
  lang: Lang,
  key: string,
  template: string,
  plainText: boolean,
): { messages: number; maxSegments: number; endsAsWritten: boolean } {
  const form = /_(zero|one|two|few|many|other)$/.exec(key)?.[1];
  // Every template of locales/en/bot.json, read from the file: a key by construction.
  const base = key.replace(/_(zero|one|two|few|many|other)$/, "") as MessageKey;
  const params = { ...valuesFor(lang, key), ...(form ? { count: countFor(lang, form) } : {}) };
  const messages = renderMessages(i18n.t, lang, { key: base, params }, MAX_SEGMENTS, {
    plainLetters: plainText,
  });
  // The words after the template's last value (the codes and keywords to reply with, usually) arrive whole.
  const tail = plain(template.slice(template.lastIndexOf("}}") + 2)).trimEnd();
  return {
    messages: messages.length,
    maxSegments: Math.max(0, ...messages.map((m) => countSegments(m).segments)),
    endsAsWritten: (messages.at(-1) ?? "").trimEnd().endsWith(plainText ? plainLetters(tail) : tail),
  };
}

function flatten(tree: unknown, prefix = ""): Array<[string, string]> {
  if (typeof tree === "string") return [[prefix, tree]];
  if (!tree || typeof tree !== "object") return [];
  return Object.entries(tree).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

interface Count {
  characters: number;
  encoding: Encoding;
  segments: number;
}

function count(text: string): Count {
  const c = countSegments(text);
  return { characters: [...text].length, encoding: c.encoding, segments: c.segments };
}

export interface TemplateRow {
  lang: Lang;
  key: string;
  normal: Count;
  plain: Count;
  /** Over MAX_SEGMENTS as written. */
  over: boolean;
  /** As the app sends it (names shortened to fit): SMS count and the most segments of one. */
  sent: { messages: number; maxSegments: number; endsAsWritten: boolean };
}

export interface LoopMessage extends Count {
  role: string;
  to: string;
  text: string;
}

export interface SegmentsReport {
  maxSegments: number;
  values: string;
  templates: TemplateRow[];
  summary: Array<{
    lang: Lang;
    templates: number;
    ucs2: number;
    ucs2Plain: number;
    overMax: number;
    overMaxPlain: number;
    segments: number;
    segmentsPlain: number;
  }>;
  loop: Array<{
    lang: Lang;
    /** As sent to people without the plain-letters option. */
    messages: LoopMessage[];
    /** As sent when the member and the partner's contact both have it on. */
    plainMessages: LoopMessage[];
    segments: number;
    segmentsPlain: number;
    saved: number;
    savedPercent: number;
  }>;
  notes: string[];
}

export function templateRows(): TemplateRow[] {
  return LANGUAGES.flatMap((lang) =>
    flatten(TEMPLATES[lang]).map(([key, template]) => {
      const text = fill(lang, key, template);
      const normal = count(text);
      return {
        lang,
        key,
        normal,
        plain: count(plainLetters(text)),
        over: normal.segments > MAX_SEGMENTS,
        sent: asSent(lang, key, template, false),
      };
    }),
  );
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");

/** Sends one SMS through the app; returns the TwiML replies to the sender. */
async function say(world: World, from: string, body: string): Promise<string[]> {
  const res = await sendSms(from, body)(world.app);
  const xml = await res.text();
  if (res.status !== 200) throw new Error(`SMS "${body}" answered ${res.status}`);
  return [...xml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) => unescapeXml(m[1] ?? ""));
}

async function outboxSince(
  world: World,
  id: number,
): Promise<Array<{ id: number; to: string; text: string }>> {
  const list = await rows(
    world,
    "SELECT id, address, body FROM outbox WHERE id > ? AND channel = 'sms' ORDER BY id",
    id,
  );
  return list.map((r) => ({ id: Number(r.id), to: String(r.address), text: String(r.body) }));
}

async function lastOutboxId(world: World): Promise<number> {
  const [row] = await rows(world, "SELECT COALESCE(MAX(id), 0) AS id FROM outbox");
  return Number(row?.id ?? 0);
}

/**
 * The loop in one language, through the real app: LOG → confirm request → YES → member told. With
 * `plain`, the member has the plain-letters option on, and so has the partner's contact (a member
 * too): the app measures and sends their SMS in plain letters (the outbox strips diacritics on
 * delivery, src/jobs/outbox.ts, as done here to the queued text).
 */
async function loop(world: World, lang: Lang, people: LoopPeople, plain: boolean): Promise<LoopMessage[]> {
  const { member, partner, contact } = people;
  // A 3-digit balance, so the notice names one: 120 hours confirmed before.
  const [m] = await rows(world, "SELECT id FROM members WHERE phone = ?", member.phone);
  await world.raw.batch(
    [
      {
        sql: `INSERT INTO ledger_entries (member_id, kind, status, minutes, partner_id, day, created_at, settled_at, settled_by)
              VALUES (?, 'earning', 'confirmed', 7200, ?, '2026-11-01', '2026-11-01T10:00:00Z', '2026-11-02T10:00:00Z', 'bench')`,
        args: [Number(m?.id), partner.id],
      },
      ...(plain
        ? [
            { sql: "UPDATE members SET plain_sms = 1 WHERE phone = ?", args: [member.phone] },
            {
              sql: `INSERT INTO members (phone, name, locale, consent_at, source, created_at, plain_sms)
                    VALUES (?, ?, ?, '2026-11-01T10:00:00Z', 'coordinator', '2026-11-01T10:00:00Z', 1)`,
              args: [contact.phone, contact.name, lang],
            },
          ]
        : []),
    ],
    "write",
  );
  // Both have written before (consent and greeting are not part of the loop).
  await drive(world.app, [[sendSms(member.phone, "HELP")], [sendSms(contact.phone, "HELP")]], 1);
  const out: LoopMessage[] = [];
  const add = (role: string, to: string, text: string) => out.push({ role, to, text, ...count(text) });
  const queued = (text: string) => (plain ? plainLetters(text) : text);
  let mark = await lastOutboxId(world);
  for (const text of await say(world, member.phone, `LOG 3 ${partner.alias} sorting`))
    add("member: log recorded", member.phone, text);
  for (const o of await outboxSince(world, mark)) add("partner: confirm request", o.to, queued(o.text));
  const [request] = await rows(
    world,
    "SELECT code FROM ledger_entries WHERE member_id = ? AND status = 'pending' ORDER BY id DESC LIMIT 1",
    Number(m?.id),
  );
  if (!request) throw new Error(`segments loop (${lang}): no open request after LOG`);
  mark = await lastOutboxId(world);
  for (const text of await say(world, contact.phone, `YES ${request.code}`))
    add("partner: confirmed", contact.phone, text);
  for (const o of await outboxSince(world, mark))
    add(o.to === member.phone ? "member: notified" : "other", o.to, queued(o.text));
  if (!out.some((o) => o.role === "member: notified"))
    throw new Error(`segments loop (${lang}): the member was not notified`);
  return out;
}

export async function measureSegments(world: World): Promise<SegmentsReport> {
  const templates = templateRows();
  const summary = LANGUAGES.map((lang) => {
    const mine = templates.filter((t) => t.lang === lang);
    return {
      lang,
      templates: mine.length,
      ucs2: mine.filter((t) => t.normal.encoding === "UCS-2").length,
      ucs2Plain: mine.filter((t) => t.plain.encoding === "UCS-2").length,
      overMax: mine.filter((t) => t.over).length,
      overMaxPlain: mine.filter((t) => t.plain.segments > MAX_SEGMENTS).length,
      segments: mine.reduce((n, t) => n + t.normal.segments, 0),
      segmentsPlain: mine.reduce((n, t) => n + t.plain.segments, 0),
    };
  });
  const loops: SegmentsReport["loop"] = [];
  for (const lang of LANGUAGES) {
    const messages = await loop(world, lang, LOOP[lang], false);
    const plainMessages = await loop(world, lang, PLAIN_LOOP[lang], true);
    const segments = messages.reduce((n, m) => n + m.segments, 0);
    const segmentsPlain = plainMessages.reduce((n, m) => n + m.segments, 0);
    loops.push({
      lang,
      messages,
      plainMessages,
      segments,
      segmentsPlain,
      saved: segments - segmentsPlain,
      savedPercent: segments ? Math.round((100 * (segments - segmentsPlain)) / segments) : 0,
    });
  }
  return {
    maxSegments: MAX_SEGMENTS,
    values: `members ${Object.values(MEMBER).join(" / ")}; partner "${COMMON.place}"; balances and counts of 3 digits (of the key's plural form); days written out; {{name}} is the partner except in greetings`,
    templates,
    summary,
    loop: loops,
    notes: [
      "Every key of locales/*/bot.json, including menu items and pieces the app joins to others; a joined reply is counted in the loop.",
      "Plain: the same text through plainLetters() (src/lib/plain-letters.ts), as a member with the plain-letters option gets it.",
      "As sent: the same values through the SMS renderer (src/channels/render-text.ts), which shortens names and free text, never codes or keywords, until each SMS fits 2 segments.",
      "Loop: a member logs 3 hours at a partner with one contact in the same language (LOG 3 <alias> sorting), the contact answers YES <code>; every SMS the app sends on the way (TwiML replies and the outbox). Run twice: as is, and with the member and the contact (also a member) having the plain-letters option on — the app then measures and cuts replies on the plain text.",
    ],
  };
}

export function renderSegments(r: SegmentsReport): string {
  const out: string[] = [];
  const flagged = r.templates.filter((t) => t.over || t.plain.segments > r.maxSegments);
  out.push(
    `Templates over ${r.maxSegments} segments (${flagged.length}):${flagged.length ? "" : " none"}`,
    ...flagged.map(
      (t) =>
        `  ${t.lang} ${t.key}: ${t.normal.characters} chars ${t.normal.encoding} ${t.normal.segments} seg; plain ${t.plain.encoding} ${t.plain.segments} seg; as sent: ${t.sent.messages} SMS of at most ${t.sent.maxSegments} seg${t.sent.endsAsWritten ? "" : ", END CUT"}`,
    ),
  );
  const overSent = r.templates.filter((t) => t.sent.maxSegments > r.maxSegments);
  const cut = r.templates.filter((t) => !t.sent.endsAsWritten);
  out.push(
    `As sent by the app (names shortened to fit, never codes or keywords): SMS over ${r.maxSegments} segments: ${overSent.length}${overSent.map((t) => ` ${t.lang} ${t.key}`).join(",")}; ending cut: ${cut.length}${cut.map((t) => ` ${t.lang} ${t.key}`).join(",")}`,
  );

  out.push(
    "",
    "| lang | templates | UCS-2 (plain) | segments, all templates (plain) | over 2 (plain) |",
    "|------|-----------|---------------|---------------------------------|----------------|",
    ...r.summary.map(
      (s) =>
        `| ${s.lang} | ${s.templates} | ${s.ucs2} (${s.ucs2Plain}) | ${s.segments} (${s.segmentsPlain}) | ${s.overMax} (${s.overMaxPlain}) |`,
    ),
    "",
    "| lang | loop message | chars | encoding | segments | plain letters: chars, encoding, segments |",
    "|------|--------------|-------|----------|----------|------------------------------------------|",
  );
  for (const l of r.loop) {
    l.messages.forEach((m, i) => {
      const p = l.plainMessages[i];
      out.push(
        `| ${l.lang} | ${m.role} | ${m.characters} | ${m.encoding} | ${m.segments} | ${p ? `${p.characters} ${p.encoding} ${p.segments}` : "—"} |`,
      );
    });
    out.push(
      `| ${l.lang} | **whole loop** | | | **${l.segments}** | **${l.segmentsPlain}** (saves ${l.saved}, ${l.savedPercent}%) |`,
    );
  }
  return out.join("\n");
}
