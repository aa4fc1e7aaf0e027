// "Have you volunteered before?": asked once, straight after a newcomer joins, answered YES/NO (in any
// of the three languages) or 1/2. Anything else is handled as if no question were open, and the
// question is not asked again: it must never stand between a member and what they came to do.
import { type Ctx, keyedOptions, type Outcome, reply } from "../context.ts";

/**
 * The question, appended to the outcome of joining when that outcome leaves no other question open.
 * The welcome then shrinks to a greeting, so greeting and question fit one SMS in every language; the
 * command hints it carried come with the thanks for the answer (or the menu, for any other message).
 */
export function askVolunteered(joined: Outcome): Outcome {
  const created = joined.effects.some((e) => e.type === "createMember");
  if (!created || joined.state !== "idle") return joined;
  const effects = joined.effects.map((e) =>
    e.type === "reply" && e.reply.key === "join.welcome"
      ? { ...e, reply: { ...e.reply, key: "join.hello" as const } }
      : e,
  );
  return {
    ...joined,
    state: "profile.volunteered",
    data: {},
    effects: [
      ...effects,
      reply("join.volunteered", {}, { options: keyedOptions(["join.volunteeredYes", "join.volunteeredNo"]) }),
    ],
  };
}

/** The answer, or null when the message is something else. */
export function volunteeredAnswer(ctx: Ctx): boolean | null {
  if (ctx.choice === 1 || ctx.choice === 2) return ctx.choice === 1;
  const intent = ctx.command?.intent;
  if (intent === "yes" || intent === "no") return intent === "yes";
  return null;
}

/** In state `profile.volunteered`; `otherwise` handles any other message as the idle state would. */
export function answerVolunteered(ctx: Ctx, otherwise: (ctx: Ctx) => Outcome): Outcome {
  const answer = volunteeredAnswer(ctx);
  if (answer === null) return otherwise(ctx);
  return {
    state: "idle",
    data: {},
    effects: [
      { type: "setVolunteeredBefore", value: answer },
      reply(answer ? "join.volunteeredThanksYes" : "join.volunteeredThanksNo"),
    ],
  };
}
