// Writing events and offers from the dashboard and the API: create and edit, each as one write batch
// with its audit row, so nothing is half-written. Cancelling and deleting are in events-cancel.ts.
import type { Deps } from "../../deps.ts";
import { eventStartUtc } from "../../scheme/import.ts";
import { slugify } from "../../scheme/schema.ts";
import { auditStatement } from "../../store/audit.ts";
import { GUARD, type InStatement, isConflict, named, sql } from "../../store/db.ts";
import type { EventInput, FormErrors, OfferInput } from "./form.ts";
import {
  type EventRecord,
  loadEvent,
  loadOffer,
  type OfferRecord,
  partnerChoices,
  takenIds,
} from "./store.ts";

export type Outcome<T> = { ok: true; record: T } | { ok: false; status: 400 | 404 | 409; errors: FormErrors };

const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
/** Path words of the pages; an event with such an id could not be opened. */
const RESERVED = new Set(["new", "offer", "offers"]);

export const refuse = (errors: FormErrors, status: 400 | 404 | 409 = 400) => ({
  ok: false as const,
  status,
  errors,
});

/**
 * Writes the batch, all or nothing; when a guard fails (something changed since the read) nothing is
 * written and the answer is a 409 refusal with `conflict` as the form's error, else null.
 */
export async function writeOrRefuse(
  deps: Deps,
  statements: InStatement[],
  conflict = "events:errors.conflict",
): Promise<ReturnType<typeof refuse> | null> {
  try {
    await deps.db.batch(statements, "write");
    return null;
  } catch (error) {
    if (isConflict(error)) return refuse({ form: conflict }, 409);
    throw error;
  }
}

/** A readable id not yet used: "family-bingo-2026-12-04", then "-2", "-3"… */
async function freshId(deps: Deps, table: "events" | "offers", words: string): Promise<string> {
  const base = (slugify(words).slice(0, 60).replace(/-+$/, "") || table.slice(0, -1)).replace(
    /^(new|offers?)$/,
    "$&-1",
  );
  const taken = await takenIds(deps.db, table, base);
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** Checks a requested id (API only); the forms always make one. */
async function checkedId(deps: Deps, table: "events" | "offers", id: string): Promise<string | null> {
  if (!SLUG.test(id) || id.length > 80 || RESERVED.has(id)) return "events:errors.id";
  const taken = await takenIds(deps.db, table, id);
  return taken.has(id) ? "events:errors.idTaken" : null;
}

/** A new record's id: the API caller's own when given (a problem with it goes into `errors`), else a fresh one. */
async function newId(
  deps: Deps,
  table: "events" | "offers",
  requestedId: string | undefined,
  words: string,
  errors: FormErrors,
): Promise<string> {
  if (requestedId === undefined) return freshId(deps, table, words);
  const problem = await checkedId(deps, table, requestedId);
  if (problem) errors.id = problem;
  return requestedId;
}

/** The errors every save starts from: the partner must be one of the scheme's. */
async function partnerErrors(deps: Deps, partner: string): Promise<FormErrors> {
  const partners = await partnerChoices(deps.db);
  return partners.some((p) => p.id === partner) ? {} : { partner: "events:errors.partner" };
}

export const eventSnapshot = (
  e: Omit<EventRecord, "id" | "partnerName" | "booked" | "held" | "bookings" | "source" | "decided">,
) => ({
  partner: e.partner,
  title: e.title,
  startsAt: e.startsAt,
  cost: e.cost,
  capacity: e.capacity,
  community: e.community,
  family: e.family,
  cancelledAt: e.cancelledAt,
  ...(e.minPlaces !== null ? { minPlaces: e.minPlaces, decideBy: e.decideBy } : {}),
});

/** Creates (id null) or edits an event. `requestedId` is an API caller's own id for a new event. */
export async function saveEvent(
  deps: Deps,
  input: EventInput,
  target: { id: string | null; requestedId?: string },
  actor: string,
): Promise<Outcome<EventRecord>> {
  const now = deps.now();
  const before = target.id === null ? null : await loadEvent(deps.db, target.id);
  if (target.id !== null && !before) return refuse({ form: "events:errors.notFound" }, 404);
  if (before?.cancelledAt) return refuse({ form: "events:errors.cancelled" }, 409);
  const errors = await partnerErrors(deps, input.partner);
  const startsAt = eventStartUtc(input.startsAt, deps.config.timezone);
  // An event already under way may keep its time; a new or moved one must be ahead.
  if ((!before || before.startsAt !== startsAt) && Date.parse(startsAt) <= now.getTime())
    errors.startsAt = "events:errors.past";
  if (before && input.capacity !== null && input.capacity < before.booked)
    errors.capacity = "events:errors.capacityBooked";
  // A minimum needs its decision time, before the start; and no more places than the event has.
  const decideBy = input.decideBy ? eventStartUtc(input.decideBy, deps.config.timezone) : null;
  if (input.minPlaces !== null && input.capacity !== null && input.minPlaces > input.capacity)
    errors.minPlaces = "events:errors.minPlaces";
  if ((input.minPlaces !== null) !== (decideBy !== null) || (decideBy && decideBy >= startsAt))
    errors.decideBy = "events:errors.decideBy";
  const id =
    before?.id ??
    (await newId(
      deps,
      "events",
      target.requestedId,
      `${input.title.en} ${input.startsAt.slice(0, 10)}`,
      errors,
    ));
  if (Object.keys(errors).length) return refuse(errors);

  const at = now.toISOString();
  const after = { ...input, startsAt, decideBy, cancelledAt: null, decided: null };
  const values = {
    id,
    partner: input.partner,
    title: JSON.stringify(input.title),
    startsAt,
    cost: Math.round(input.cost * 60),
    capacity: input.capacity,
    community: input.community ? 1 : 0,
    family: input.family ? 1 : 0,
    now: at,
    minPlaces: input.minPlaces,
    decideBy,
  };
  const statements: InStatement[] = before
    ? [
        // Guarded: a booking that arrived since the form was read may make the new capacity too small.
        named(
          `UPDATE events SET partner_id = :partner, title = :title, starts_at = :startsAt, cost_minutes = :cost,
             capacity = :capacity, community = :community, family = :family, updated_at = :now,
             min_places = :minPlaces, decide_by = :decideBy, decided = NULL
           WHERE id = :id AND cancelled_at IS NULL AND (capacity IS :capacity OR :capacity IS NULL
             OR :capacity >= (SELECT COALESCE(SUM(places), 0)
               FROM bookings WHERE event_id = :id AND status IN ('held', 'redeemed')))`,
          values,
        ),
        ...GUARD,
        // Open bookings carry the start: CANCEL closes at it and unused holds are released a day after.
        sql("UPDATE bookings SET starts_at = ? WHERE event_id = ? AND status = 'held'", startsAt, id),
      ]
    : [
        named(
          `INSERT INTO events (partner_id, title, starts_at, cost_minutes, capacity, community, family, updated_at, id, extra,
             min_places, decide_by)
           VALUES (:partner, :title, :startsAt, :cost, :capacity, :community, :family, :now, :id, '{"source":"dashboard"}',
             :minPlaces, :decideBy)`,
          values,
        ),
      ];
  statements.push(
    auditStatement(
      {
        actor,
        action: before ? "event.update" : "event.create",
        subject: `event:${id}`,
        before: before ? eventSnapshot(before) : null,
        after: eventSnapshot({ ...after, title: input.title }),
      },
      now,
    ),
  );
  const refused = await writeOrRefuse(deps, statements);
  if (refused) return refused;
  return { ok: true, record: (await loadEvent(deps.db, id)) as EventRecord };
}

const offerSnapshot = (o: Pick<OfferRecord, "partner" | "title" | "cost" | "valueGBP" | "community">) => ({
  partner: o.partner,
  title: o.title,
  cost: o.cost,
  valueGBP: o.valueGBP,
  community: o.community,
});

export async function saveOffer(
  deps: Deps,
  input: OfferInput,
  target: { id: string | null; requestedId?: string },
  actor: string,
): Promise<Outcome<OfferRecord>> {
  const now = deps.now();
  const before = target.id === null ? null : await loadOffer(deps.db, target.id);
  if (target.id !== null && !before) return refuse({ form: "events:errors.notFound" }, 404);
  const errors = await partnerErrors(deps, input.partner);
  const id = before?.id ?? (await newId(deps, "offers", target.requestedId, input.title.en, errors));
  if (Object.keys(errors).length) return refuse(errors);
  const at = now.toISOString();
  const values = [
    input.partner,
    JSON.stringify(input.title),
    Math.round(input.cost * 60),
    input.valueGBP === null ? null : Math.round(input.valueGBP * 100),
    input.community ? 1 : 0,
    at,
    id,
  ];
  const statements: InStatement[] = [
    before
      ? sql(
          "UPDATE offers SET partner_id = ?, title = ?, cost_minutes = ?, value_pence = ?, community = ?, updated_at = ? WHERE id = ?",
          ...values,
        )
      : sql(
          `INSERT INTO offers (partner_id, title, cost_minutes, value_pence, community, updated_at, id, extra)
           VALUES (?, ?, ?, ?, ?, ?, ?, '{"source":"dashboard"}')`,
          ...values,
        ),
    auditStatement(
      {
        actor,
        action: before ? "offer.update" : "offer.create",
        subject: `offer:${id}`,
        before: before ? offerSnapshot(before) : null,
        after: offerSnapshot(input),
      },
      now,
    ),
  ];
  const refused = await writeOrRefuse(deps, statements);
  if (refused) return refused;
  return { ok: true, record: (await loadOffer(deps.db, id)) as OfferRecord };
}
