// TIPS / PORADY / IETEIKUMI: a member's choice about one short weekly spending suggestion.
// "TIPS" or "TIPS YES" turns it on; "TIPS OFF" / "TIPS NO" turns it off.
import { type Ctx, idle, type Outcome, reply } from "../context.ts";
import { saysOff } from "../parse.ts";

export function setTips(ctx: Ctx): Outcome {
  const rest = ctx.command?.rest.trim() ?? "";
  const on = !saysOff(rest);
  return idle({ type: "setNudges", on }, reply(on ? "tips.on" : "tips.off"));
}
