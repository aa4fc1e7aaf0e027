// /admin/partners: every partner with its contacts and open requests, each request with "confirm on
// their behalf" and "reject" buttons; answering a request settled already says by whom.
import { Hono } from "hono";
import * as z from "zod/mini";
import { activityText } from "../../core/format.ts";
import type { Deps } from "../../deps.ts";
import { deliverDue } from "../../jobs/outbox.ts";
import { lazy } from "../../lib/lazy.ts";
import { type Decision, settleOnBehalf } from "../../services/settle-request.ts";
import { Csrf, Layout, Notice } from "../shell/layout.tsx";
import { type AdminEnv, credits, dateOnly, dateTime, href, type View, viewOf } from "../shell/view.ts";
import { listPartners, type OpenRequest, type PartnerListing } from "./partners.ts";

const Request = ({ view, r, listing }: { view: View; r: OpenRequest; listing: PartnerListing }) => {
  const what = activityText(listing.partner, r.activity, view.locale);
  return (
    <li data-request={r.code}>
      <strong>{r.code}</strong>{" "}
      <a href={href(`/members/${r.memberId}`)}>{r.memberName || view.t("audit.erasedMember")}</a>:{" "}
      {view.t("partners.requestLine", { hours: credits(r.minutes, view), day: dateOnly(r.day, view) })}
      {what ? ` · ${what}` : ""}
      <br />
      <span class="muted">{view.t("partners.loggedAt", { when: dateTime(r.createdAt, view) })}</span>
      <div class="actions">
        <form method="post" action={href(`/partners/requests/${r.entryId}/confirm`)}>
          <Csrf view={view} />
          <button type="submit">{view.t("partners.confirm")}</button>
        </form>
        <form method="post" action={href(`/partners/requests/${r.entryId}/reject`)} class="actions">
          <Csrf view={view} />
          <input
            name="reason"
            type="text"
            maxlength={200}
            placeholder={view.t("partners.reasonHint")}
            aria-label={view.t("partners.reason")}
          />
          <button type="submit" class="danger">
            {view.t("partners.reject")}
          </button>
        </form>
      </div>
    </li>
  );
};

const PartnerCard = ({ view, listing }: { view: View; listing: PartnerListing }) => {
  const { partner, contacts, requests } = listing;
  const roles = [
    partner.earn ? view.t("partners.earn") : null,
    partner.spend ? view.t("partners.spend") : null,
  ];
  return (
    <section class="panel" data-partner={partner.id}>
      <h2>{partner.name}</h2>
      <p class="muted">
        {roles.filter(Boolean).join(" · ")} · {view.t("partners.aliases")}:{" "}
        {[...new Set([partner.id, ...partner.aliases])].join(", ")}
      </p>
      <p class="muted">
        {view.t("partners.contacts")}:{" "}
        {contacts
          .map((c) => `${c.name} (${c.phone ?? `Telegram ${c.telegramId}`}, ${c.locale})`)
          .join("; ") || "—"}
      </p>
      <p>
        <a href={href(`/partners/${partner.id}/edit`)}>{view.t("partners.edit")}</a>
      </p>
      {requests.length ? (
        <>
          <h3>{view.t("partners.open", { count: requests.length })}</h3>
          <ul class="plain">
            {requests.map((r) => (
              <Request view={view} r={r} listing={listing} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
};

const PartnersPage = ({
  view,
  listings,
  notice,
  error,
}: {
  view: View;
  listings: PartnerListing[];
  notice?: string | null;
  error?: string | null;
}) => (
  <Layout view={view} title={view.t("partners.title")}>
    <Notice text={notice} />
    <Notice text={error} error />
    <p>
      <a href={href("/partners/new")}>{view.t("partners.add")}</a>
    </p>
    {listings.map((l) => (
      <PartnerCard view={view} listing={l} />
    ))}
  </Layout>
);

const NOTICES = new Set(["saved", "confirmed", "rejected"]);
const entryId = lazy(() => z.coerce.number().check(z.int(), z.positive()));
const reasonField = lazy(() => z.optional(z.string().check(z.trim(), z.maxLength(200))));

export function partnersRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get("/", async (c) => {
    const view = viewOf(c, deps);
    const notice = c.req.query("notice") ?? "";
    const code = (c.req.query("code") ?? "").replace(/\D/g, "");
    const text = NOTICES.has(notice) ? view.t(`partners.notice.${notice}`, { code }) : null;
    return c.html(<PartnersPage view={view} listings={await listPartners(deps.db)} notice={text} />);
  });

  app.post("/requests/:entry/:decision{confirm|reject}", async (c) => {
    const view = viewOf(c, deps);
    const id = z.safeParse(entryId(), c.req.param("entry"));
    const body = await c.req.parseBody();
    const reason = z.safeParse(reasonField(), typeof body.reason === "string" ? body.reason : undefined);
    const decision: Decision = c.req.param("decision") === "confirm" ? "confirmed" : "rejected";
    const result = id.success
      ? await settleOnBehalf(deps, {
          entryId: id.data,
          decision,
          reason: decision === "rejected" && reason.success && reason.data ? reason.data : null,
          actor: c.get("coordinator").actor,
        })
      : ({ ok: false, error: "notFound" } as const);
    if (result.ok) {
      // The member's news goes out now, as after a contact's answer, not at the next outbox round.
      deps.later(deliverDue(deps));
      return c.redirect(href("/partners", { notice: decision, code: result.code }), 303);
    }
    const error =
      result.error === "already"
        ? view.t(
            `partners.already.${result.status === "confirmed" ? "confirmed" : result.status === "rejected" ? "rejected" : "other"}`,
            {
              code: result.code,
              who: whoSettled(result.settledBy, view),
            },
          )
        : view.t("partners.notFound");
    const status = result.error === "already" ? 409 : 404;
    return c.html(<PartnersPage view={view} listings={await listPartners(deps.db)} error={error} />, status);
  });

  return app;
}

/** "the coordinator", or the contact's name. */
function whoSettled(by: string | null, view: View): string {
  if (!by) return "—";
  return by === "coordinator" ? view.t("partners.byCoordinator") : by;
}
