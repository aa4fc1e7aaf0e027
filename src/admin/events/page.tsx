// /admin/events: upcoming and past events and every offer; the event and offer forms (a refused form
// comes back as typed, each error beside its field, nothing written); one event's bookings, where it
// can be cancelled (held credits go back to their members) or, if nobody ever booked it, deleted.
import { Hono } from "hono";
import type { FC } from "hono/jsx";
import type { Deps } from "../../deps.ts";
import { deliverDue } from "../../jobs/outbox.ts";
import { cancelEvent } from "../../services/cancel-event.ts";
import { type AdminContext, type AdminEnv, href, type View, viewOf } from "../shell/view.ts";
import { deleteEvent } from "./delete.ts";
import {
  type EventFormValues,
  eventFormValues,
  type FormErrors,
  type OfferFormValues,
  offerFormValues,
  parseEventForm,
  parseOfferForm,
  readEventForm,
  readOfferForm,
} from "./form.ts";
import { EventForm, type FormProps, OfferForm } from "./form-view.tsx";
import { BookingsPage, EventsPage } from "./list-view.tsx";
import { setOfferWithdrawn } from "./offer-withdraw.ts";
import { saveEvent, saveOffer } from "./save.ts";
import {
  type EventRecord,
  listEventsAndOffers,
  loadBookings,
  loadEvent,
  loadOffer,
  localInput,
  partnerChoices,
} from "./store.ts";

const NOTICES = new Set(["saved", "offerSaved", "deleted", "withdrawn", "restored"]);
const EVENT_NOTICES = new Set(["saved", "cancelled"]);

const blankTitle = { en: "", pl: "", lv: "" };

export function eventsRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const actor = (c: AdminContext) => c.get("coordinator").actor;

  app.get("/", async (c) => {
    const view = viewOf(c, deps);
    const notice = c.req.query("notice") ?? "";
    const { events, offers } = await listEventsAndOffers(deps.db);
    const text = NOTICES.has(notice) ? view.t(`events:notice.${notice}`) : null;
    return c.html(<EventsPage view={view} events={events} offers={offers} notice={text} />);
  });

  // The event or the offer form as a page, with the partners to choose from.
  const formPage =
    <V,>(Form: FC<FormProps<V>>) =>
    async (
      c: AdminContext,
      values: V,
      errors: FormErrors,
      id: string | null,
      status: 200 | 400 | 404 | 409 = 200,
    ) =>
      c.html(
        <Form
          view={viewOf(c, deps)}
          values={values}
          errors={errors}
          partners={await partnerChoices(deps.db)}
          id={id}
        />,
        status,
      );

  // Offers first: "offer" is a word of the path, never an event's id.
  const offerForm = formPage<OfferFormValues>(OfferForm);
  const blankOffer: OfferFormValues = {
    partner: "",
    title: blankTitle,
    cost: "",
    value: "",
    community: false,
  };

  app.get("/offer/new", (c) => offerForm(c, blankOffer, {}, null));
  app.get("/offer/:id/edit", async (c) => {
    const offer = await loadOffer(deps.db, c.req.param("id"));
    if (!offer) return c.notFound();
    const values = offerFormValues({ ...offer, title: { ...offer.title, en: offer.title.en ?? "" } });
    return offerForm(c, values, {}, offer.id);
  });
  const postOffer = async (c: AdminContext, id: string | null) => {
    if (id !== null && !(await loadOffer(deps.db, id))) return c.notFound();
    const values = readOfferForm(await c.req.parseBody());
    const parsed = parseOfferForm(values);
    if (!parsed.ok) return offerForm(c, values, parsed.errors, id, 400);
    const saved = await saveOffer(deps, parsed.input, { id }, actor(c));
    if (!saved.ok) return offerForm(c, values, saved.errors, id, saved.status);
    return c.redirect(href("/events", { notice: "offerSaved" }), 303);
  };
  app.post("/offer/new", (c) => postOffer(c, null));
  app.post("/offer/:id/edit", (c) => postOffer(c, c.req.param("id")));

  // Withdraw an offer / offer it again: the list comes back with a notice, or with why nothing changed.
  const withdrawal = (withdraw: boolean) => async (c: AdminContext) => {
    const result = await setOfferWithdrawn(deps, c.req.param("id") ?? "", withdraw, actor(c));
    if (result.ok) return c.redirect(href("/events", { notice: withdraw ? "withdrawn" : "restored" }), 303);
    if (result.status === 404) return c.notFound();
    const view = viewOf(c, deps);
    const { events, offers } = await listEventsAndOffers(deps.db);
    const error = view.t(result.errors.form ?? "errors.form");
    return c.html(
      <EventsPage view={view} events={events} offers={offers} notice={null} error={error} />,
      409,
    );
  };
  app.post("/offer/:id/withdraw", withdrawal(true));
  app.post("/offer/:id/restore", withdrawal(false));

  const eventForm = formPage<EventFormValues>(EventForm);
  const blankEvent: EventFormValues = {
    partner: "",
    title: blankTitle,
    startsAt: "",
    cost: "1",
    capacity: "",
    community: true,
    family: false,
    minPlaces: "",
    decideBy: "",
  };
  app.get("/new", (c) => eventForm(c, blankEvent, {}, null));
  app.get("/:id/edit", async (c) => {
    const event = await loadEvent(deps.db, c.req.param("id"));
    if (!event) return c.notFound();
    const values = eventFormValues({
      ...event,
      title: { ...event.title, en: event.title.en ?? "" },
      startsAt: localInput(event.startsAt, deps.config.timezone),
      decideBy: event.decideBy ? localInput(event.decideBy, deps.config.timezone) : null,
    });
    const errors: FormErrors = event.cancelledAt ? { form: "events:errors.cancelled" } : {};
    return eventForm(c, values, errors, event.id);
  });
  const postEvent = async (c: AdminContext, id: string | null) => {
    if (id !== null && !(await loadEvent(deps.db, id))) return c.notFound();
    const values = readEventForm(await c.req.parseBody());
    const parsed = parseEventForm(values);
    if (!parsed.ok) return eventForm(c, values, parsed.errors, id, 400);
    const saved = await saveEvent(deps, parsed.input, { id }, actor(c));
    if (!saved.ok) return eventForm(c, values, saved.errors, id, saved.status);
    return c.redirect(href(`/events/${saved.record.id}`, { notice: "saved" }), 303);
  };
  app.post("/new", (c) => postEvent(c, null));
  app.post("/:id/edit", (c) => postEvent(c, c.req.param("id")));

  const bookingsPage = async (
    c: AdminContext,
    view: View,
    event: EventRecord,
    message: { notice?: string | null; error?: string | null },
    status: 200 | 404 | 409 = 200,
  ) =>
    c.html(
      <BookingsPage
        view={view}
        event={event}
        bookings={await loadBookings(deps.db, event.id)}
        {...message}
      />,
      status,
    );

  app.get("/:id", async (c) => {
    const view = viewOf(c, deps);
    const event = await loadEvent(deps.db, c.req.param("id"));
    if (!event) return c.notFound();
    const notice = c.req.query("notice") ?? "";
    const released = Number(c.req.query("released") ?? 0) || 0;
    const text = EVENT_NOTICES.has(notice) ? view.t(`events:notice.${notice}`, { count: released }) : null;
    return bookingsPage(c, view, event, { notice: text });
  });

  app.post("/:id/cancel", async (c) => {
    const id = c.req.param("id");
    const result = await cancelEvent(deps, id, actor(c));
    if (result.ok) {
      // The members' news goes out now, not at the next outbox round.
      deps.later(deliverDue(deps));
      return c.redirect(
        href(`/events/${id}`, { notice: "cancelled", released: result.record.released }),
        303,
      );
    }
    const event = await loadEvent(deps.db, id);
    if (!event) return c.notFound();
    const view = viewOf(c, deps);
    return bookingsPage(c, view, event, { error: view.t(result.errors.form ?? "errors.form") }, 409);
  });

  app.post("/:id/delete", async (c) => {
    const id = c.req.param("id");
    const result = await deleteEvent(deps, id, actor(c));
    if (result.ok) return c.redirect(href("/events", { notice: "deleted" }), 303);
    const event = await loadEvent(deps.db, id);
    if (!event) return c.notFound();
    const view = viewOf(c, deps);
    return bookingsPage(c, view, event, { error: view.t(result.errors.form ?? "errors.form") }, 409);
  });

  return app;
}
