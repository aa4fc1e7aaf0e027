// Changing language: LANG asks 1/2/3; ENGLISH, POLSKI, LATVIEŠU (or LANG pl) switch at once.
import { ask, type Ctx, idle, type Outcome, reply, textOptions } from "../context.ts";
import { parseChoice } from "../parse.ts";
import { fold } from "../text.ts";
import { LOCALES, type Locale } from "../types.ts";

const NAMES = ["English", "Polski", "Latviešu"];

export function changeLanguage(ctx: Ctx): Outcome {
  const target = ctx.command?.langTarget ?? pickFrom(ctx.command?.rest ?? "");
  return target
    ? setLanguage(target)
    : ask("lang.pick", {}, reply("lang.ask", {}, { options: textOptions(NAMES) }));
}

export function answerLanguage(ctx: Ctx): Outcome {
  const target = pickFrom(ctx.text);
  return target
    ? setLanguage(target)
    : ask("lang.pick", {}, reply("lang.ask", {}, { options: textOptions(NAMES) }));
}

function setLanguage(locale: Locale): Outcome {
  return { ...idle({ type: "updateMember", locale }, reply("lang.changed")), locale };
}

/** "2", "pl", "polski", "latviesu" → a locale. */
function pickFrom(text: string): Locale | null {
  const n = parseChoice(text);
  if (n !== null) return LOCALES[n - 1] ?? null;
  const word = fold(text);
  if (!word) return null;
  if ((LOCALES as readonly string[]).includes(word)) return word as Locale;
  const i = NAMES.findIndex((name) => fold(name).startsWith(word.slice(0, 3)) && word.length >= 3);
  return i >= 0 ? (LOCALES[i] ?? null) : null;
}
