// PLAIN / BEZ POLSKICH ZNAKÓW / BEZ GARUMZĪMĒM: the member's SMS go out without diacritics (ł → l,
// ā → a), so a segment holds 160 characters instead of 70 and old phones show every letter.
// PLAIN OFF / Z POLSKIMI ZNAKAMI / AR GARUMZĪMĒM (or the on-word followed by OFF, NIE, NĒ) undo it.
// The new setting applies from its own confirmation on: turning it on is confirmed in plain letters.
import { type Ctx, idle, type Outcome, reply } from "../context.ts";
import { saysOff } from "../parse.ts";

export function setPlain(ctx: Ctx): Outcome {
  const rest = ctx.command?.rest.trim() ?? "";
  const off = ctx.command?.intent === "plainoff" || saysOff(rest);
  return idle({ type: "updateMember", plainSms: !off }, reply(off ? "plain.off" : "plain.on"));
}
