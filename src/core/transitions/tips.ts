// TIPS / PORADY / IETEIKUMI: a member's choice about one short weekly spending suggestion.
// "TIPS" or "TIPS YES" turns it on; "TIPS OFF" / "TIPS NO" turns it off.
import { type Ctx, idle, type Outcome, reply } from "../context.ts";
import { parseCommand } from "../parse.ts";
import { fold } from "../text.ts";

const OFF = new Set(["off", "no", "stop", "nie", "ne", "wylacz", "izslegt"]);

export function setTips(ctx: Ctx): Outcome {
  const rest = ctx.command?.rest.trim() ?? "";
  const on = !(OFF.has(fold(rest)) || parseCommand(rest)?.intent === "no");
  return idle({ type: "setNudges", on }, reply(on ? "tips.on" : "tips.off"));
}
