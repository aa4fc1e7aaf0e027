// GET /admin: the overview page, figures as cards that wrap to one column on a phone.
import { Hono } from "hono";
import type { Deps } from "../../deps.ts";
import { Layout } from "../shell/layout.tsx";
import { type AdminEnv, count, credits, href, type View, viewOf } from "../shell/view.ts";
import { loadOverview, type Overview } from "./overview.ts";

const Card = ({ figure, label, id }: { figure: string; label: string; id: string }) => (
  <div class="card" data-figure={id}>
    <span class="figure">{figure}</span>
    <span class="label">{label}</span>
  </div>
);

export const OverviewCards = ({ view, o }: { view: View; o: Overview }) => {
  const { t } = view;
  return (
    <>
      <h2>{t("overview.people")}</h2>
      <div class="cards">
        <Card id="members" figure={count(o.members, view)} label={t("overview.members")} />
        <Card id="active30" figure={count(o.active30, view)} label={t("overview.active30")} />
        <Card
          id="hoursThisMonth"
          figure={credits(o.minutesThisMonth, view)}
          label={t("overview.hoursThisMonth")}
        />
      </div>
      <h2>{t("overview.credits")}</h2>
      <div class="cards">
        <Card id="issued" figure={credits(o.issued, view)} label={t("overview.issued")} />
        <Card id="spent" figure={credits(o.spent, view)} label={t("overview.spent")} />
        <Card id="outstanding" figure={credits(o.outstanding, view)} label={t("overview.outstanding")} />
        <Card id="held" figure={credits(o.held, view)} label={t("overview.held")} />
      </div>
      <h2>{t("overview.requests")}</h2>
      <div class="cards">
        <Card id="pending" figure={count(o.pendingRequests, view)} label={t("overview.pending")} />
        <Card id="stale" figure={count(o.pendingOlderThan48h, view)} label={t("overview.stale")} />
      </div>
      {o.pendingRequests > 0 ? (
        <p>
          <a href={href("/partners")}>{t("overview.answerRequests")}</a>
        </p>
      ) : null}
    </>
  );
};

export function overviewRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get("/", async (c) => {
    const view = viewOf(c, deps);
    const o = await loadOverview(deps.db, deps.now(), deps.config.timezone);
    return c.html(
      <Layout view={view} title={view.t("overview.title")}>
        <OverviewCards view={view} o={o} />
      </Layout>,
    );
  });
  return app;
}
