// /admin/api for events and offers: JSON, behind the bearer token, inputs validated with zod/mini.
// Bodies take the scheme file's shape (titles per language, startsAt in the scheme's timezone, cost
// in credits, valueGBP in pounds); a bad one answers 400 with every issue, an unknown id 404.
import type { Context } from "hono";
import { Hono } from "hono";
import * as z from "zod/mini";
import type { Deps } from "../../deps.ts";
import { lazy } from "../../lib/lazy.ts";
import { english, notFound, readBody } from "../shell/api-input.ts";
import type { AdminEnv } from "../shell/view.ts";
import { eventSchema, offerSchema } from "./form.ts";
import { setOfferWithdrawn } from "./offer-withdraw.ts";
import { type Outcome, saveEvent, saveOffer } from "./save.ts";
import {
  type EventRecord,
  listEventsAndOffers,
  loadBookings,
  loadEvent,
  loadOffer,
  localInput,
} from "./store.ts";

const bodies = lazy(() => {
  const id = z.optional(z.string());

  /** The API's event body: the form's schema with the scheme file's defaults. */
  const event = z.object({
    ...eventSchema().shape,
    id,
    capacity: z._default(eventSchema().shape.capacity, null),
    community: z._default(z.boolean(), true),
    family: z._default(z.boolean(), false),
  });

  const offer = z.object({
    ...offerSchema().shape,
    id,
    valueGBP: z._default(offerSchema().shape.valueGBP, null),
    community: z._default(z.boolean(), false),
  });
  return { event, offer };
});

export function eventsApiRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  const event = (e: EventRecord) => ({
    ...e,
    startsAtLocal: localInput(e.startsAt, deps.config.timezone),
  });

  const answer = <T>(
    c: Context<AdminEnv>,
    result: Outcome<T>,
    show: (r: T) => unknown,
    status: 200 | 201,
  ) => {
    if (result.ok) return c.json(show(result.record), status);
    if (result.status === 404) return notFound(c);
    const issues = Object.entries(result.errors).map(([path, key]) => ({
      path,
      message: english(deps, key),
    }));
    return c.json({ error: result.status === 409 ? "conflict" : "invalid input", issues }, result.status);
  };

  app.get("/events", async (c) => {
    const { events } = await listEventsAndOffers(deps.db);
    return c.json({ events: events.map(event) });
  });

  app.post("/events", async (c) => {
    const parsed = await readBody(c, deps, bodies().event);
    if (!parsed.ok) return parsed.response;
    const { id: requestedId, ...input } = parsed.data;
    const result = await saveEvent(deps, input, { id: null, requestedId }, c.get("coordinator").actor);
    return answer(c, result, event, 201);
  });

  app.get("/events/:id", async (c) => {
    const found = await loadEvent(deps.db, c.req.param("id"));
    return found ? c.json(event(found)) : notFound(c);
  });

  app.put("/events/:id", async (c) => {
    if (!(await loadEvent(deps.db, c.req.param("id")))) return notFound(c);
    const parsed = await readBody(c, deps, bodies().event);
    if (!parsed.ok) return parsed.response;
    const { id: _ignored, ...input } = parsed.data;
    const result = await saveEvent(deps, input, { id: c.req.param("id") }, c.get("coordinator").actor);
    return answer(c, result, event, 200);
  });

  app.get("/events/:id/bookings", async (c) => {
    const found = await loadEvent(deps.db, c.req.param("id"));
    if (!found) return notFound(c);
    const bookings = await loadBookings(deps.db, found.id);
    return c.json({
      event: found.id,
      capacity: found.capacity,
      booked: found.booked,
      bookings,
    });
  });

  app.get("/offers", async (c) => c.json({ offers: (await listEventsAndOffers(deps.db)).offers }));

  app.post("/offers", async (c) => {
    const parsed = await readBody(c, deps, bodies().offer);
    if (!parsed.ok) return parsed.response;
    const { id: requestedId, ...input } = parsed.data;
    const result = await saveOffer(deps, input, { id: null, requestedId }, c.get("coordinator").actor);
    return answer(c, result, (o) => o, 201);
  });

  app.put("/offers/:id", async (c) => {
    if (!(await loadOffer(deps.db, c.req.param("id")))) return notFound(c);
    const parsed = await readBody(c, deps, bodies().offer);
    if (!parsed.ok) return parsed.response;
    const { id: _ignored, ...input } = parsed.data;
    const result = await saveOffer(deps, input, { id: c.req.param("id") }, c.get("coordinator").actor);
    return answer(c, result, (o) => o, 200);
  });

  // Withdraw an offer (no longer suggested or bookable; codes already given stay valid) or restore it.
  for (const [path, withdraw] of [
    ["withdraw", true],
    ["restore", false],
  ] as const) {
    app.post(`/offers/:id/${path}`, async (c) =>
      answer(
        c,
        await setOfferWithdrawn(deps, c.req.param("id"), withdraw, c.get("coordinator").actor),
        (o) => o,
        200,
      ),
    );
  }

  return app;
}
