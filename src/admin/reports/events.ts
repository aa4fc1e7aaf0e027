// Events that go ahead only with enough people, for the events starting in the period: held (the tick
// said "it's on", or it has taken place without being cancelled), called off at the decision time for
// too few places, and still to be decided; and every event the coordinator cancelled.
import { type Db, sql } from "../../store/db.ts";
import { num } from "./ledger.ts";
import type { Bounds } from "./period.ts";

export interface EventsReport {
  /** Every event starting in the period. */
  events: number;
  /** Events starting in the period that needed a minimum number of places. */
  withMinimum: number;
  /** With a minimum: decided "on", or started before now; not cancelled. */
  held: number;
  /** With a minimum: called off at the decision time (decided "off"). */
  calledOff: number;
  /** With a minimum: neither decided nor started yet, and not cancelled. */
  waiting: number;
  /** Any event cancelled by the coordinator (not by the minimum). */
  cancelledByCoordinator: number;
}

export const EVENT_MEASURES = ["held", "calledOff", "waiting", "cancelledByCoordinator"] as const;

export async function loadEvents(db: Db, b: Bounds, now: Date): Promise<EventsReport> {
  const at = now.toISOString();
  const minimum = "min_places IS NOT NULL";
  const result = await db.execute(
    sql(
      `SELECT COUNT(*) AS events,
         COUNT(CASE WHEN ${minimum} THEN 1 END) AS with_minimum,
         COUNT(CASE WHEN ${minimum} AND cancelled_at IS NULL AND (decided = 'on' OR starts_at < ?) THEN 1 END) AS held,
         COUNT(CASE WHEN ${minimum} AND decided = 'off' THEN 1 END) AS called_off,
         COUNT(CASE WHEN ${minimum} AND cancelled_at IS NULL AND decided IS NULL AND starts_at >= ? THEN 1 END) AS waiting,
         COUNT(CASE WHEN cancelled_at IS NOT NULL AND decided IS NOT 'off' THEN 1 END) AS cancelled
       FROM events WHERE starts_at >= ? AND starts_at < ?`,
      at,
      at,
      b.start,
      b.end,
    ),
  );
  const r: Record<string, unknown> = result.rows[0] ?? {};
  return {
    events: num(r.events),
    withMinimum: num(r.with_minimum),
    held: num(r.held),
    calledOff: num(r.called_off),
    waiting: num(r.waiting),
    cancelledByCoordinator: num(r.cancelled),
  };
}
