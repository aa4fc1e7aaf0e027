// The short numbered menu (MENU, and the answer to anything not understood) and HELP.
import { type Ctx, idle, keyedOptions, type Outcome, reply } from "../context.ts";
import type { Intent } from "../keywords.ts";

/** The menu's items in order; their numbers work as replies. */
export const MENU_ITEMS = [
  "balance",
  "log",
  "events",
  "history",
  "give",
  "lang",
  "help",
] as const satisfies readonly Intent[];

export function showMenu(ctx: Ctx, title: "menu.title" | "menu.unknown" | "menu.expired"): Outcome {
  const name = ctx.facts.member?.name ?? "";
  return idle(reply(title, { name }, { options: keyedOptions(MENU_ITEMS.map((i) => `menu.${i}` as const)) }));
}

export function showHelp(ctx: Ctx): Outcome {
  return idle(reply("help", { scheme: ctx.facts.scheme.name }));
}
