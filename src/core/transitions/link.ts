// One person, two channels: a Telegram user shares their own phone number and becomes the member
// who has it (one balance, one history, one language). PHONE asks for the number.
import { CHANNEL_TRAITS } from "../channels.ts";
import { type Ctx, idle, type Outcome, reply } from "../context.ts";
import { startJoin } from "./join.ts";

/** PHONE / TELEFON / TĀLRUNIS: on Telegram, the share-my-number button; on SMS the number is known already. */
export function askForPhone(ctx: Ctx): Outcome {
  if (!CHANNEL_TRAITS[ctx.facts.channel].sharesContact) return idle(reply("link.smsKnown"));
  return idle(reply("link.ask", {}, { askContact: true }));
}

export function linkPhone(ctx: Ctx, phone: string | null, own: boolean): Outcome {
  if (!own || !phone) return idle(reply("link.notOwn", {}, { askContact: true }));
  const member = ctx.facts.member;
  const owner = ctx.facts.phoneMember;
  const chat = Number(ctx.facts.address);
  if (owner && member && owner.id === member.id) return idle(reply("link.already", { name: member.name }));
  if (owner) {
    if (owner.telegramId !== null && owner.telegramId !== chat) return idle(reply("link.otherTelegram"));
    // A Telegram-only member with nothing recorded yet can be folded into the phone's member.
    if (member && (member.phone !== null || ctx.facts.history.length > 0))
      return idle(reply("link.cannotMerge"));
    return {
      ...idle(
        { type: "linkPhone", phone, into: "phoneMember", ...(member ? { dropMemberId: member.id } : {}) },
        reply("link.done", { name: owner.name }, { locale: owner.locale }),
      ),
      locale: owner.locale,
    };
  }
  if (!member) {
    const joining = startJoin({ ...ctx, command: null });
    return { ...joining, effects: [reply("link.joinFirst"), ...joining.effects] };
  }
  if (member.phone !== null) return idle(reply("link.cannotMerge"));
  return idle({ type: "linkPhone", phone, into: "thisMember" }, reply("link.done", { name: member.name }));
}
