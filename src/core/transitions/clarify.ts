// "Did you mean …?": a message that was nearly understood gets its one or two best guesses as
// numbered options, never the whole menu and never an action on a guess. A number (or YES, when
// there is one guess) runs that guess with the pieces the first message gave.
import { ask, type Ctx, type Outcome, reply } from "../context.ts";
import type { Command } from "../parse.ts";

type Run = (ctx: Ctx) => Outcome;

export function askClarify(guesses: Command[]): Outcome {
  const options = guesses.map((g, i) => ({ n: i + 1, key: `clarify.${g.intent}` as const }));
  return ask("clarify", { guesses }, reply("clarify.title", {}, { options }));
}

/** The answer to "Did you mean …?"; anything else is read as a new message. */
export function answerClarify(ctx: Ctx, run: (intent: Command) => Run | undefined, otherwise: Run): Outcome {
  const guesses = ctx.snapshot.data.guesses ?? [];
  const yes = ctx.command?.intent === "yes" && guesses.length === 1;
  const picked = ctx.choice !== null ? guesses[ctx.choice - 1] : yes ? guesses[0] : undefined;
  const transition = picked ? run(picked) : undefined;
  if (picked && transition) return transition({ ...ctx, command: picked, choice: null });
  const fresh: Ctx = { ...ctx, snapshot: { ...ctx.snapshot, state: "idle", data: {} } };
  return otherwise(ctx.command?.intent === "no" ? { ...fresh, command: null, text: "" } : fresh);
}
