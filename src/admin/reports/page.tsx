// /admin/reports: every report for a chosen period as one page of SVG charts and tables, and each one as
// a CSV download (/admin/reports/<name>.csv). Every figure is computed by SQL from the ledger and the
// board, polls and events tables at request time.
import { Hono } from "hono";
import { raw } from "hono/html";
import type { Deps } from "../../deps.ts";
import { Layout, Notice } from "../shell/layout.tsx";
import { type AdminContext, type AdminEnv, dateOnly, href, type View, viewOf } from "../shell/view.ts";
import { CHART_CSS } from "./chart.tsx";
import { csvFileName, csvTable, csvText } from "./csv.ts";
import { type Period, readPeriod } from "./period.ts";
import { isReportName, loadReport, loadReports, REPORT_NAMES } from "./reports.ts";
import { CreditsSection, HoursSection, MembersSection } from "./sections.tsx";
import { ConfirmationSection, HoardingSection, LanguagesSection } from "./sections-more.tsx";
import { HelpSection, PollsSection, PostsSection } from "./sections-reciprocity.tsx";
import { EventsSection, SpendingSection } from "./sections-time.tsx";

type Errors = Partial<Record<keyof Period, string>>;

/** The period form: a plain GET, so a report's address can be bookmarked or shared. */
const PeriodForm = ({ view, input, errors }: { view: View; input: Period; errors: Errors }) => {
  const field = (name: keyof Period) => (
    <div>
      <label for={`period-${name}`}>{view.t(`reports:period.${name}`)}</label>
      <input
        id={`period-${name}`}
        name={name}
        type="date"
        value={input[name]}
        required
        aria-invalid={errors[name] ? "true" : undefined}
        aria-describedby={errors[name] ? `period-${name}-error` : undefined}
      />
      {errors[name] ? (
        <p class="field-error" id={`period-${name}-error`}>
          {view.t(errors[name])}
        </p>
      ) : null}
    </div>
  );
  return (
    <form class="panel" method="get" action={href("/reports")}>
      <fieldset>
        <legend>{view.t("reports:period.legend")}</legend>
        <div class="period">
          {field("from")}
          {field("to")}
          <div>
            <button type="submit">{view.t("reports:period.submit")}</button>
          </div>
        </div>
      </fieldset>
    </form>
  );
};

/** Query values as typed, cut short so nothing long is echoed back into the page. */
const queryOf = (c: AdminContext) => ({
  from: c.req.query("from")?.slice(0, 32),
  to: c.req.query("to")?.slice(0, 32),
});

/** The period form again with its errors (400), for the page and a CSV download alike. */
const refusedPeriod = (c: AdminContext, view: View, read: { input: Period; errors: Errors }) =>
  c.html(
    <Layout view={view} title={view.t("reports:title")}>
      <Notice text={view.t("reports:errors.form")} error />
      <PeriodForm view={view} input={read.input} errors={read.errors} />
    </Layout>,
    400,
  );

export function reportsRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get("/", async (c) => {
    const view = viewOf(c, deps);
    const read = readPeriod(queryOf(c), deps.now(), deps.config.timezone);
    if (!read.ok) return refusedPeriod(c, view, read);
    const b = read.bounds;
    const r = await loadReports(deps.db, b, deps.now());
    return c.html(
      <Layout view={view} title={view.t("reports:title")}>
        <style>{raw(CHART_CSS)}</style>
        <PeriodForm view={view} input={read.period} errors={{}} />
        <p class="muted" data-period={`${b.from}/${b.to}`}>
          {view.t("reports:period.showing", { from: dateOnly(b.from, view), to: dateOnly(b.to, view) })}
        </p>
        <nav aria-labelledby="contents">
          <h2 id="contents">{view.t("reports:contents")}</h2>
          <ul class="toc">
            {REPORT_NAMES.map((name) => (
              <li>
                <a href={`#${name}`}>{view.t(`reports:${name}.title`)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <HoursSection view={view} b={b} r={r.hours} />
        <MembersSection view={view} b={b} r={r.members} />
        <CreditsSection view={view} b={b} r={r.credits} />
        <SpendingSection view={view} b={b} r={r.spending} />
        <HelpSection view={view} b={b} r={r.help} />
        <PostsSection view={view} b={b} r={r.posts} />
        <PollsSection view={view} b={b} r={r.polls} />
        <EventsSection view={view} b={b} r={r.events} />
        <HoardingSection view={view} b={b} r={r.hoarding} />
        <LanguagesSection view={view} b={b} r={r.languages} />
        <ConfirmationSection view={view} b={b} r={r.confirmation} />
      </Layout>,
    );
  });

  app.get("/:file", async (c) => {
    const view = viewOf(c, deps);
    const name = /^([a-z]+)\.csv$/.exec(c.req.param("file"))?.[1] ?? "";
    if (!isReportName(name)) {
      return c.html(
        <Layout view={view} title={view.t("reports:notFound")}>
          <Notice text={view.t("reports:notFound")} error />
        </Layout>,
        404,
      );
    }
    const read = readPeriod(queryOf(c), deps.now(), deps.config.timezone);
    if (!read.ok) return refusedPeriod(c, view, read);
    const report = await loadReport(deps.db, name, read.bounds, deps.now());
    return c.body(csvText(csvTable(name, report)), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName(name, read.bounds)}"`,
    });
  });

  return app;
}
