// Measuring understanding on the labelled corpus (corpus/README.md): which lines are held out, how
// each line is understood in its context, and accuracy per language and intent with a confusion
// table. Pure: the caller reads the files and the scheme.
import type { SpendItem } from "../engine-types.ts";
import { parseLogLine } from "../log-line.ts";
import type { Locale, Partner } from "../types.ts";
import { type Situation, type Understanding, understand } from "./index.ts";

export interface CorpusLine {
  text: string;
  context: "idle" | "first" | "yesno" | "name" | "partner";
  intent: string;
  slots?: { hours?: number; partner?: string; day?: string; name?: string; [slot: string]: unknown };
  lang: Locale;
}

/** The corpus's "today": Wednesday 2 December 2026. */
export const CORPUS_TODAY = "2026-12-02";

/** FNV-1a of the text: a line's part never depends on its position or on who wrote it. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const c of text) h = Math.imul(h ^ (c.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return h;
}

/** About 30 % of the lines, fixed forever by their text: measured on, never built from. */
export function isHeldOut(line: Pick<CorpusLine, "text">): boolean {
  return hash(line.text.trim()) % 10 < 3;
}

/** Reads JSON lines; `lang` comes from the file. Bad lines throw: the corpus is ours to keep valid. */
export function parseCorpus(text: string, lang: Locale): CorpusLine[] {
  return text
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => ({ ...(JSON.parse(l) as Omit<CorpusLine, "lang">), lang }));
}

export function situationFor(line: CorpusLine, partners: Partner[], items: SpendItem[]): Situation {
  const expecting = line.context === "yesno" ? "yesno" : line.context === "name" ? "name" : null;
  return {
    expecting,
    newcomer: line.context === "first" || line.context === "name",
    locale: line.lang,
    contact: line.context === "partner",
    partners,
    items,
  };
}

/**
 * Right: the task (or answer) it asks for. Asked: a clarifying question whose guesses include it.
 * Missed: nothing done (the menu, or a question with other guesses). Wrong: acted on another task.
 */
export type Verdict = "right" | "asked" | "missed" | "wrong";

export interface Judged {
  line: CorpusLine;
  understood: Understanding;
  /** What the bot took it as, in the corpus's terms ("clarify" when it asked). */
  got: string;
  verdict: Verdict;
  /** For lines with slots: whether every labelled slot came out right. */
  slotsRight: boolean | null;
}

/** Task words the engine has and the corpus does not; "book" is what EVENTS <item> does. */
function gotLabel(u: Understanding): string {
  if (u.command) return u.label;
  if (u.guesses.length) return "clarify";
  return u.label;
}

/** How one line is understood (see Verdict). Unclear and unknown lines are right when nothing is done. */
export function judge(line: CorpusLine, partners: Partner[], items: SpendItem[]): Judged {
  const understood = understand(line.text, situationFor(line, partners, items));
  let got = gotLabel(understood);
  if (got === "events" && line.intent === "book" && understood.command?.rest) got = "book";
  const acted = understood.command !== null;
  let verdict: Verdict;
  if (line.intent === "unknown" || line.intent === "unclear") {
    verdict = acted
      ? "wrong"
      : got === line.intent || got === "unknown" || got === "unclear"
        ? "right"
        : "asked";
  } else if (line.intent === "name") {
    verdict =
      got === "name" && nameRight(line, understood) ? "right" : got === "name" || acted ? "wrong" : "missed";
  } else if (got === line.intent) verdict = "right";
  else if (got === "clarify" && understood.guesses.some((g) => g.intent === line.intent)) verdict = "asked";
  else verdict = acted ? "wrong" : "missed";
  return { line, understood, got, verdict, slotsRight: slotsRight(line, understood, partners) };
}

function nameRight(line: CorpusLine, u: Understanding): boolean {
  const want = line.slots?.name;
  if (!want) return true;
  const got = u.name ?? line.text.trim().split(/\s+/)[0] ?? "";
  return got.toLocaleLowerCase() === String(want).toLocaleLowerCase();
}

/** Hours, place and day of a log, as the one-line log would record them. */
function slotsRight(line: CorpusLine, u: Understanding, partners: Partner[]): boolean | null {
  const s = line.slots;
  if (line.intent !== "log" || !s || (s.hours === undefined && !s.partner && !s.day)) return null;
  if (u.command?.intent !== "log") return false;
  const parsed = parseLogLine(u.command.rest, partners, CORPUS_TODAY);
  if (s.hours !== undefined && parsed.minutes !== Math.round(Number(s.hours) * 60)) return false;
  if (s.partner && parsed.partner?.id !== s.partner) return false;
  if (s.day && parsed.day !== s.day && !(s.day === CORPUS_TODAY && parsed.day === null)) return false;
  return true;
}

export interface Tally {
  lines: number;
  right: number;
  asked: number;
  missed: number;
  wrong: number;
}

export interface Report {
  byLanguage: Record<string, Tally>;
  byIntent: Record<string, Tally>;
  /** expected intent → what the bot took it as → count (only where they differ). */
  confusion: Record<string, Record<string, number>>;
  slots: { lines: number; right: number };
  all: Tally;
}

const empty = (): Tally => ({ lines: 0, right: 0, asked: 0, missed: 0, wrong: 0 });

export function report(judged: Judged[]): Report {
  const out: Report = {
    byLanguage: {},
    byIntent: {},
    confusion: {},
    slots: { lines: 0, right: 0 },
    all: empty(),
  };
  for (const j of judged) {
    const intentKey = `${j.line.intent}${j.line.context === "yesno" || j.line.context === "partner" ? `@${j.line.context}` : ""}`;
    out.byLanguage[j.line.lang] ??= empty();
    out.byIntent[intentKey] ??= empty();
    for (const t of [out.byLanguage[j.line.lang], out.byIntent[intentKey], out.all]) {
      if (!t) continue;
      t.lines++;
      t[j.verdict]++;
    }
    if (j.verdict !== "right") {
      const row = out.confusion[j.line.intent] ?? {};
      row[j.got] = (row[j.got] ?? 0) + 1;
      out.confusion[j.line.intent] = row;
    }
    if (j.slotsRight !== null) {
      out.slots.lines++;
      if (j.slotsRight) out.slots.right++;
    }
  }
  return out;
}

/** Share of lines understood right, 0 to 1. */
export const accuracy = (t: Tally): number => (t.lines ? t.right / t.lines : 1);
