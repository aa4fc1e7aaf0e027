// Understanding on the labelled corpus (corpus/*.jsonl): accuracy per language and intent on the
// held-out part (and on the part it was built from, for comparison), a confusion table, the share
// answered with a clarifying question, slot accuracy of one-line logs, and the CPU that understanding
// adds to a message.
import { readFileSync } from "node:fs";
import { schemeWorld } from "../src/cli/explain.ts";
import { LOCALES } from "../src/core/types.ts";
import {
  accuracy,
  type CorpusLine,
  isHeldOut,
  type Judged,
  judge,
  parseCorpus,
  type Report,
  report,
  situationFor,
  type Tally,
} from "../src/core/understand/corpus.ts";
import { understand } from "../src/core/understand/index.ts";

export function loadCorpus(): CorpusLine[] {
  return LOCALES.flatMap((lang) =>
    parseCorpus(readFileSync(new URL(`../corpus/${lang}.jsonl`, import.meta.url), "utf8"), lang),
  );
}

export interface UnderstandingFigures {
  heldOut: Report;
  train: Report;
  /** Median CPU of understand() per message, over the whole corpus, in milliseconds. */
  cpuMsPerMessage: number;
}

export function judgeCorpus(lines = loadCorpus()): { heldOut: Judged[]; train: Judged[] } {
  const { partners, items } = schemeWorld();
  const judged = lines.map((l) => judge(l, partners, items));
  return {
    heldOut: judged.filter((j) => isHeldOut(j.line)),
    train: judged.filter((j) => !isHeldOut(j.line)),
  };
}

export function measureUnderstanding(rounds = 20): UnderstandingFigures {
  const lines = loadCorpus();
  const { heldOut, train } = judgeCorpus(lines);
  const { partners, items } = schemeWorld();
  const situations = lines.map((l) => situationFor(l, partners, items));
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.cpuUsage();
    for (const [i, l] of lines.entries()) understand(l.text, situations[i] as (typeof situations)[number]);
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000 / lines.length);
  }
  times.sort((a, b) => a - b);
  return {
    heldOut: report(heldOut),
    train: report(train),
    cpuMsPerMessage: Number((times[Math.floor(times.length / 2)] ?? 0).toFixed(4)),
  };
}

const pct = (t: Tally) => `${(accuracy(t) * 100).toFixed(1)} %`;
const share = (n: number, t: Tally) => `${((t.lines ? n / t.lines : 0) * 100).toFixed(1)} %`;

export function renderUnderstanding(f: UnderstandingFigures): string {
  const rows = (r: Report, key: "byLanguage" | "byIntent") =>
    Object.entries(r[key])
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, t]) => row(k, t));
  const row = (k: string, t: Tally) =>
    `| ${k} | ${t.lines} | ${pct(t)} | ${share(t.asked, t)} | ${share(t.missed, t)} | ${share(t.wrong, t)} |`;
  const header =
    "| | lines | right | asked back (right guess) | missed (menu or other guesses) | wrong (acted on another task) |\n|---|---|---|---|---|---|";
  const confusion = Object.entries(f.heldOut.confusion)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([want, got]) =>
        `| ${want} | ${Object.entries(got)
          .map(([g, n]) => `${g} ${n}`)
          .join(", ")} |`,
    );
  const h = f.heldOut;
  return [
    `Understanding, held-out part (${h.all.lines} lines; built from the other ${f.train.all.lines}, where it is right ${pct(f.train.all)})`,
    header,
    ...rows(h, "byLanguage"),
    row("all", h.all),
    "",
    "Per intent (held out; @yesno = answering a yes/no question, @partner = partner staff)",
    header,
    ...rows(h, "byIntent"),
    "",
    "Confusion (held out): expected | what the bot took it as",
    "|---|---|",
    ...confusion,
    "",
    `Clarifying questions: ${share(h.all.asked, h.all)} of held-out messages were answered with "Did you mean …?".`,
    `One-line log slots (hours, place, day) right: ${h.slots.right} of ${h.slots.lines} held-out logs.`,
    `CPU of understanding per message: ${f.cpuMsPerMessage} ms (median of 20 passes over the corpus).`,
  ].join("\n");
}
