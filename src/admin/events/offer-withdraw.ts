// Withdrawing an offer (the partner stopped offering it) and offering it again. A withdrawn offer is
// neither suggested nor bookable in the bot; codes already held for it stay valid until redeemed or
// cancelled, so nobody loses what they booked. One write batch each, with its audit row.
import type { Deps } from "../../deps.ts";
import { auditStatement } from "../../store/audit.ts";
import { GUARD, sql } from "../../store/db.ts";
import { type Outcome, refuse, writeOrRefuse } from "./save.ts";
import { loadOffer, type OfferRecord } from "./store.ts";

/**
 * Sets whether an offer is withdrawn. The update only applies to the state the coordinator saw, so
 * two coordinators pressing at once make one change and one audit row; the second is told nothing
 * changed (409).
 */
export async function setOfferWithdrawn(
  deps: Deps,
  id: string,
  withdraw: boolean,
  actor: string,
): Promise<Outcome<OfferRecord>> {
  const now = deps.now();
  const offer = await loadOffer(deps.db, id);
  if (!offer) return refuse({ form: "events:errors.notFound" }, 404);
  if ((offer.withdrawnAt !== null) === withdraw)
    return refuse({ form: withdraw ? "events:errors.alreadyWithdrawn" : "events:errors.notWithdrawn" }, 409);
  const at = withdraw ? now.toISOString() : null;
  const refused = await writeOrRefuse(deps, [
    sql(
      `UPDATE offers SET withdrawn_at = ?, updated_at = ? WHERE id = ? AND withdrawn_at IS ${withdraw ? "" : "NOT "}NULL`,
      at,
      now.toISOString(),
      id,
    ),
    ...GUARD,
    auditStatement(
      {
        actor,
        action: withdraw ? "offer.withdraw" : "offer.restore",
        subject: `offer:${id}`,
        before: { withdrawnAt: offer.withdrawnAt, codesGiven: offer.booked },
        after: { withdrawnAt: at },
      },
      now,
    ),
  ]);
  if (refused) return refused;
  return { ok: true, record: (await loadOffer(deps.db, id)) as OfferRecord };
}
