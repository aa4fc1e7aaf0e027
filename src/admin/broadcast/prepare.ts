// The steps the page and the JSON API share: validate a broadcast, find its recipients and work out
// its plan; send it; and deliver what is due straight away.
import type { Deps } from "../../deps.ts";
import { deliverDue } from "../../jobs/outbox.ts";
import { loadAudience } from "./audience.ts";
import { type BroadcastErrors, type BroadcastInput, validateBroadcast } from "./form.ts";
import { type BroadcastPlan, planBroadcast } from "./plan.ts";
import { type SendResult, saveBroadcast } from "./store.ts";

export type Prepared =
  | { ok: true; input: BroadcastInput; plan: BroadcastPlan }
  | { ok: false; input?: BroadcastInput; errors: BroadcastErrors };

export async function prepareBroadcast(deps: Deps, raw: unknown): Promise<Prepared> {
  const valid = validateBroadcast(raw);
  if (!valid.ok) return valid;
  const { input } = valid;
  const now = deps.now();
  const facts = await loadAudience(deps.db, input.audience, now);
  if (!facts.partnerKnown) return { ok: false, input, errors: { partner: "broadcast:errors.partner" } };
  return { ok: true, input, plan: planBroadcast(input.texts, facts, now, deps.config.timezone) };
}

/** A fresh key for a preview's Send: the same key sent twice is one broadcast. */
export function newBroadcastKey(): string {
  return crypto.randomUUID();
}

export type Sent =
  | SendResult
  | { ok: false; error: "nobody" }
  | { ok: false; error: "invalid"; errors: BroadcastErrors; input?: BroadcastInput };

/** Validates again (the audience may have changed since the preview), then queues every message. */
export async function sendBroadcast(
  deps: Deps,
  raw: unknown,
  actor: string,
): Promise<Sent & { plan?: BroadcastPlan; key?: string }> {
  const prepared = await prepareBroadcast(deps, raw);
  if (!prepared.ok) return { ok: false, error: "invalid", errors: prepared.errors, input: prepared.input };
  const { input, plan } = prepared;
  if (!plan.recipients) return { ok: false, error: "nobody" };
  const key = input.key ?? newBroadcastKey();
  const result = await saveBroadcast(deps.db, {
    key,
    actor,
    now: deps.now(),
    texts: input.texts,
    audience: input.audience,
    plan,
  });
  if (result.ok && !plan.deferred) deps.later(deliverAll(deps));
  return { ...result, plan, key };
}

/** Delivers due messages in rounds until none are left (a broadcast can exceed one round). */
async function deliverAll(deps: Deps, rounds = 40): Promise<void> {
  const limit = 50;
  for (let i = 0; i < rounds; i++) {
    const { sent, failed, retrying } = await deliverDue(deps, limit);
    if (sent + failed + retrying < limit) return;
  }
}
