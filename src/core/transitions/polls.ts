// The community decides: a member answers the poll they were sent with its number or one of its
// words (a later answer replaces the earlier), and proposes with IDEA … what the coordinator could
// poll next.
import { type Ctx, idle, type Outcome, reply } from "../context.ts";
import { parseCommand } from "../parse.ts";
import { inLocale, MAX_OPTIONS, MIN_OPTIONS, pollAnswer } from "../polls.ts";
import { clip } from "../text.ts";

/** An answer to the open poll, when the message is one (no command word, no question open); else null. */
export function pollVote(ctx: Ctx): Outcome | null {
  const poll = ctx.facts.openPoll;
  if (!poll || ctx.snapshot.state !== "idle" || parseCommand(ctx.text)) return null;
  const option = pollAnswer(ctx.text, poll);
  const chosen = option === null ? undefined : poll.options[option - 1];
  if (option === null || !chosen) return null;
  const params = { option: inLocale(chosen, ctx.locale) };
  return idle(
    { type: "vote", pollId: poll.id, option },
    reply(poll.myVote !== null && poll.myVote !== option ? "poll.changed" : "poll.counted", params),
  );
}

/** IDEA a family swim on Sundays: kept for the coordinator (the dashboard lists ideas to poll). */
export function startIdea(ctx: Ctx): Outcome {
  const body = clip((ctx.command?.rest ?? "").replace(/\s+/g, " ").trim(), 200);
  if (body.length < 3) return idle(reply("idea.how"));
  return idle({ type: "createIdea", body }, reply("idea.thanks"));
}

/**
 * POLL Bowling or cinema in January? Bowling / Cinema / Picnic — from a partner's contact: the question
 * up to its "?", then 2 to 5 options split by "/", ";" or ",". The coordinator sees it beside the
 * ideas, prices it and sends it to the partner's volunteers (or anyone); nothing goes out by itself.
 */
export function proposePoll(ctx: Ctx): Outcome {
  const contact = ctx.facts.asContact[0];
  if (!contact) return idle(reply("poll.partnersOnly"));
  const rest = (ctx.command?.rest ?? "").replace(/\s+/g, " ").trim();
  const mark = rest.indexOf("?");
  const question = clip(rest.slice(0, mark + 1).trim(), 160);
  const options = rest
    .slice(mark + 1)
    .split(/[/;,]/)
    .map((o) => clip(o.trim(), 60))
    .filter(Boolean);
  if (mark < 3 || options.length < MIN_OPTIONS || options.length > MAX_OPTIONS)
    return idle(reply("poll.proposeHow"));
  return idle(
    { type: "proposePoll", partnerId: contact.partnerId, contactId: contact.id, question, options },
    reply("poll.proposed", { count: options.length }),
  );
}
