// Deleting an event nobody ever booked (a mistake), in one write batch with its audit row. Cancelling
// one people booked is a service of its own (src/services/cancel-event.ts).
import type { Deps } from "../../deps.ts";
import { auditStatement } from "../../store/audit.ts";
import { GUARD, type InStatement, sql } from "../../store/db.ts";
import { eventSnapshot, type Outcome, refuse, writeOrRefuse } from "./save.ts";
import { loadEvent } from "./store.ts";

/** Deletes an event nobody ever booked (a mistake); one with bookings must be cancelled instead. */
export async function deleteEvent(deps: Deps, id: string, actor: string): Promise<Outcome<{ id: string }>> {
  const now = deps.now();
  const event = await loadEvent(deps.db, id);
  if (!event) return refuse({ form: "events:errors.notFound" }, 404);
  if (event.bookings > 0) return refuse({ form: "events:errors.hasBookings" }, 409);
  const statements: InStatement[] = [
    sql("DELETE FROM events WHERE id = ? AND NOT EXISTS (SELECT 1 FROM bookings WHERE event_id = ?)", id, id),
    ...GUARD,
    auditStatement(
      { actor, action: "event.delete", subject: `event:${id}`, before: eventSnapshot(event), after: null },
      now,
    ),
  ];
  // A booking arrived between the read and the write: nothing was deleted.
  const refused = await writeOrRefuse(deps, statements, "events:errors.hasBookings");
  if (refused) return refused;
  return { ok: true, record: { id } };
}
