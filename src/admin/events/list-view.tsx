// The events page (upcoming and past events, every offer) and one event's bookings with its totals,
// cancel and delete buttons. Cards rather than wide tables, so a phone screen reads them.
import { titleIn } from "../../core/format.ts";
import { Csrf, Layout, Notice } from "../shell/layout.tsx";
import { count, credits, dateTime, href, type View } from "../shell/view.ts";
import type { BookingRecord, EventRecord, OfferRecord } from "./store.ts";

/** Credits (hours) as the dashboard writes them: "1.5" or "1,5". */
const amount = (n: number, view: View) => credits(Math.round(n * 60), view);

const money = (gbp: number, view: View) =>
  new Intl.NumberFormat(view.locale === "en" ? "en-GB" : view.locale, {
    style: "currency",
    currency: "GBP",
    minimumFractionDigits: gbp % 1 ? 2 : 0,
  }).format(gbp);

/** "12 of 30 places booked" or "12 places booked (no limit)". */
export const placesText = (e: EventRecord, view: View) =>
  e.capacity === null
    ? view.t("events:list.placesOpen", { count: e.booked, booked: count(e.booked, view) })
    : view.t("events:list.places", {
        count: e.capacity,
        booked: count(e.booked, view),
        capacity: count(e.capacity, view),
      });

const Badges = ({
  view,
  community,
  family,
  cancelled,
}: {
  view: View;
  community: boolean;
  family?: boolean;
  cancelled?: boolean;
}) => (
  <>
    {cancelled ? <span class="badge">{view.t("events:list.cancelled")}</span> : null}{" "}
    {community ? <span class="badge">{view.t("events:list.community")}</span> : null}{" "}
    {family ? <span class="badge">{view.t("events:list.family")}</span> : null}
  </>
);

const EventItem = ({ view, e }: { view: View; e: EventRecord }) => (
  <li data-event={e.id}>
    <strong>{titleIn(e.title, view.locale)}</strong>{" "}
    <Badges view={view} community={e.community} family={e.family} cancelled={e.cancelledAt !== null} />
    <br />
    {dateTime(e.startsAt, view)} · {e.partnerName}
    <br />
    <span class="muted">
      {view.t("events:list.cost", { count: e.cost, credits: amount(e.cost, view) })} · {placesText(e, view)}
    </span>
    <div class="actions">
      <a href={href(`/events/${e.id}`)}>{view.t("events:list.bookings")}</a>
      {e.cancelledAt ? null : <a href={href(`/events/${e.id}/edit`)}>{view.t("events:list.edit")}</a>}
    </div>
  </li>
);

const OfferItem = ({ view, o }: { view: View; o: OfferRecord }) => (
  <li data-offer={o.id}>
    <strong>{titleIn(o.title, view.locale)}</strong>{" "}
    {o.withdrawnAt ? <span class="badge">{view.t("events:list.withdrawn")}</span> : null}{" "}
    <Badges view={view} community={o.community} />
    <br />
    {o.partnerName}
    <br />
    <span class="muted">
      {view.t("events:list.cost", { count: o.cost, credits: amount(o.cost, view) })}
      {o.valueGBP === null ? "" : ` · ${view.t("events:list.value", { value: money(o.valueGBP, view) })}`} ·{" "}
      {view.t("events:list.codes", { count: o.booked, booked: count(o.booked, view) })}
    </span>
    {o.withdrawnAt ? (
      <>
        <br />
        <span class="muted">{view.t("events:withdraw.heldStayValid")}</span>
      </>
    ) : null}
    <div class="actions">
      <a href={href(`/events/offer/${o.id}/edit`)}>{view.t("events:list.edit")}</a>
      <form method="post" action={href(`/events/offer/${o.id}/${o.withdrawnAt ? "restore" : "withdraw"}`)}>
        <Csrf view={view} />
        <button type="submit" class="secondary">
          {view.t(o.withdrawnAt ? "events:withdraw.restore" : "events:withdraw.submit")}
        </button>
      </form>
    </div>
  </li>
);

export const EventsPage = ({
  view,
  events,
  offers,
  notice,
  error = null,
}: {
  view: View;
  events: EventRecord[];
  offers: OfferRecord[];
  notice: string | null;
  /** Why a withdraw / restore changed nothing. */
  error?: string | null;
}) => {
  const now = view.now.getTime();
  const upcoming = events.filter((e) => Date.parse(e.startsAt) > now);
  const past = events.filter((e) => Date.parse(e.startsAt) <= now).reverse();
  const section = (key: string, list: EventRecord[]) => (
    <>
      <h2>{view.t(key)}</h2>
      {list.length ? (
        <ul class="plain">
          {list.map((e) => (
            <EventItem view={view} e={e} />
          ))}
        </ul>
      ) : (
        <p class="muted">{view.t("events:list.none")}</p>
      )}
    </>
  );
  return (
    <Layout view={view} title={view.t("events:title")}>
      <Notice text={notice} />
      <Notice text={error} error />
      <div class="actions">
        <a href={href("/events/new")}>{view.t("events:list.addEvent")}</a>
        <a href={href("/events/offer/new")}>{view.t("events:list.addOffer")}</a>
      </div>
      {section("events:list.upcoming", upcoming)}
      {section("events:list.past", past)}
      <h2>{view.t("events:list.offers")}</h2>
      {offers.length ? (
        <ul class="plain">
          {offers.map((o) => (
            <OfferItem view={view} o={o} />
          ))}
        </ul>
      ) : (
        <p class="muted">{view.t("events:list.none")}</p>
      )}
    </Layout>
  );
};

const STATUSES = ["held", "redeemed", "cancelled", "released"] as const;

export const BookingsPage = ({
  view,
  event,
  bookings,
  notice,
  error,
}: {
  view: View;
  event: EventRecord;
  bookings: BookingRecord[];
  notice?: string | null;
  error?: string | null;
}) => {
  const { t } = view;
  const started = Date.parse(event.startsAt) <= view.now.getTime();
  const held = bookings.filter((b) => b.status === "held");
  const heldCount = held.length;
  const heldCredits = held.reduce((sum, b) => sum + b.credits, 0);
  return (
    <Layout view={view} title={titleIn(event.title, view.locale)}>
      <Notice text={notice} />
      <Notice text={error} error />
      <section class="panel" data-totals>
        <p>
          {dateTime(event.startsAt, view)} · {event.partnerName}{" "}
          <Badges
            view={view}
            community={event.community}
            family={event.family}
            cancelled={event.cancelledAt !== null}
          />
        </p>
        <p>
          <strong>{placesText(event, view)}</strong>
          <br />
          <span class="muted">
            {view.t("events:list.cost", { count: event.cost, credits: amount(event.cost, view) })} ·{" "}
            {STATUSES.map(
              (s) =>
                `${t(`events:status.${s}`)}: ${count(bookings.filter((b) => b.status === s).length, view)}`,
            ).join(" · ")}
          </span>
        </p>
        {event.cancelledAt ? null : (
          <div class="actions">
            <a href={href(`/events/${event.id}/edit`)}>{t("events:list.edit")}</a>
          </div>
        )}
      </section>
      <h2>{t("events:bookings.title")}</h2>
      {bookings.length ? (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>{t("events:bookings.member")}</th>
                <th class="num">{t("events:bookings.places")}</th>
                <th>{t("events:bookings.status")}</th>
                <th>{t("events:bookings.code")}</th>
                <th>{t("events:bookings.when")}</th>
              </tr>
            </thead>
            <tbody>
              {bookings.map((b) => (
                <tr data-booking={b.code}>
                  <td>
                    <a href={href(`/members/${b.memberId}`)}>
                      {b.memberName || view.t("audit.erasedMember")}
                    </a>
                  </td>
                  <td class="num">{count(b.places, view)}</td>
                  <td>{t(`events:status.${b.status}`)}</td>
                  <td>{b.code}</td>
                  <td>{dateTime(b.createdAt, view)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">{t("events:bookings.none")}</p>
      )}
      {event.cancelledAt || started ? null : (
        <form class="panel" method="post" action={href(`/events/${event.id}/cancel`)}>
          <Csrf view={view} />
          <p>
            {heldCount
              ? t("events:cancel.explain", { count: heldCount, credits: amount(heldCredits, view) })
              : t("events:cancel.explainNone")}
          </p>
          <button type="submit" class="danger">
            {t("events:cancel.submit")}
          </button>
        </form>
      )}
      {bookings.length ? null : (
        <form class="panel" method="post" action={href(`/events/${event.id}/delete`)}>
          <Csrf view={view} />
          <p>{t("events:delete.explain")}</p>
          <button type="submit" class="danger">
            {t("events:delete.submit")}
          </button>
        </form>
      )}
    </Layout>
  );
};
