// One person, several identities: a phone number, a Telegram id, a member row and contact rows. "No one
// decides their own hours" must hold across all of them, or a contact could credit themselves from
// their other channel.
import { personAt } from "./channels.ts";
import type { Ctx } from "./context.ts";

export interface Identity {
  phone: string | null;
  telegramId: number | null;
}

/** True when two identities share a phone number or a Telegram id. */
export function samePerson(a: Identity, b: Identity): boolean {
  return (
    (a.phone !== null && a.phone === b.phone) || (a.telegramId !== null && a.telegramId === b.telegramId)
  );
}

/**
 * Every identity the sender is known by: the sending address, the member behind it, and each
 * partner-contact row it speaks for (a contact row may hold the phone and Telegram id of one person).
 */
export function senderIdentities(ctx: Ctx): Identity[] {
  const { channel, address, member, asContact } = ctx.facts;
  const sending: Identity = personAt(channel, address);
  return [sending, ...(member ? [member] : []), ...asContact];
}

/**
 * True when `person` (a number, a member's phone and Telegram id, with the member's id when known) is
 * the sender under any of their identities.
 */
export function isSender(ctx: Ctx, person: Identity, memberId?: number): boolean {
  if (memberId !== undefined && ctx.facts.member?.id === memberId) return true;
  return senderIdentities(ctx).some((mine) => samePerson(mine, person));
}
