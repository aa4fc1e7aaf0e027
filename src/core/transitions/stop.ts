// STOP and START: after STOP a number hears nothing but the confirmation until START.
// Records are kept; a newcomer's STOP is remembered as a bare "stopped" conversation.
import { CHANNEL_TRAITS } from "../channels.ts";
import { type Ctx, idle, type Outcome, reply } from "../context.ts";
import { startJoin } from "./join.ts";
import { showMenu } from "./menu.ts";

/** STOP on WhatsApp stops the number, SMS too, and the reply says so. */
export function optOut(ctx: Ctx): Outcome {
  const done = reply(CHANNEL_TRAITS[ctx.facts.channel].stopsNumber ? "stop.doneNumber" : "stop.done");
  if (!ctx.facts.member) return { state: "stopped", data: {}, effects: [done] };
  return idle({ type: "updateMember", optedOut: true }, done);
}

export function optIn(ctx: Ctx): Outcome {
  const member = ctx.facts.member;
  if (!member) return startJoin({ ...ctx, command: null });
  if (!member.optedOut) return showMenu(ctx, "menu.title");
  return idle({ type: "updateMember", optedOut: false }, reply("start.back", { name: member.name }));
}

/** While stopped, only START is heard; everything else gets silence. */
export function whileStopped(ctx: Ctx): Outcome {
  if (ctx.command?.intent === "start") return optIn(ctx);
  return { state: ctx.snapshot.state, effects: [] };
}
