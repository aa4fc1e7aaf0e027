// The reciprocity reports as page sections: help paid for between members, the board's offers and
// asks, and polls with their turnout; each a chart, the same figures as a table, and its CSV link.
import type { FC } from "hono/jsx";
import { localDay } from "../../core/format.ts";
import { inLocale } from "../../core/polls.ts";
import { count, credits, dateOnly, type View } from "../shell/view.ts";
import { BarChart } from "./chart.tsx";
import { monthName, percent, Section, Table } from "./parts.tsx";
import type { Bounds } from "./period.ts";
import { POST_MEASURES } from "./posts.ts";
import type { Reports } from "./reports.ts";

export const HelpSection: FC<{ view: View; b: Bounds; r: Reports["help"] }> = ({ view, b, r }) => {
  const t = (k: string, p?: Record<string, number>) => view.t(`reports:help.${k}`, p);
  const n = (x: number) => count(x, view);
  return (
    <Section name="help" view={view} b={b}>
      <p data-figure="help-summary">{t("summary", { count: r.payments })}</p>
      <Table
        id="help"
        head={[view.t("reports:measure"), view.t("reports:value")]}
        rows={[
          [t("hours"), credits(r.minutes, view)],
          [t("payments"), n(r.payments)],
          [t("helpers"), n(r.helpers)],
          [t("helped"), n(r.helped)],
        ]}
      />
      <h3>{t("perMonth")}</h3>
      <div class="pair">
        <BarChart
          id="chart-help-month"
          title={t("perMonth")}
          bars={r.months.map((m) => ({
            label: monthName(m.month, view),
            values: [m.minutes],
            text: credits(m.minutes, view),
          }))}
        />
        <Table
          id="help-month"
          head={[view.t("reports:month"), t("hours"), t("payments")]}
          rows={r.months.map((m) => [monthName(m.month, view), credits(m.minutes, view), n(m.payments)])}
        />
      </div>
    </Section>
  );
};

export const PostsSection: FC<{ view: View; b: Bounds; r: Reports["posts"] }> = ({ view, b, r }) => {
  const t = (k: string) => view.t(`reports:posts.${k}`);
  const n = (x: number) => count(x, view);
  return (
    <Section name="posts" view={view} b={b}>
      <div class="pair">
        <BarChart
          id="chart-posts"
          title={t("chart")}
          grouped
          series={[{ name: t("offers") }, { name: t("asks") }]}
          bars={POST_MEASURES.map((m) => ({
            label: t(m),
            values: [r.offers[m], r.asks[m]],
            text: `${n(r.offers[m])} / ${n(r.asks[m])}`,
          }))}
        />
        <Table
          id="posts"
          head={[view.t("reports:measure"), t("offers"), t("asks"), view.t("reports:total")]}
          rows={POST_MEASURES.map((m) => [t(m), n(r.offers[m]), n(r.asks[m]), n(r.all[m])])}
        />
      </div>
    </Section>
  );
};

export const PollsSection: FC<{ view: View; b: Bounds; r: Reports["polls"] }> = ({ view, b, r }) => {
  const t = (k: string, p?: Record<string, number | string>) => view.t(`reports:polls.${k}`, p);
  const n = (x: number) => count(x, view);
  return (
    <Section name="polls" view={view} b={b}>
      <p data-figure="polls-turnout">
        {t("answered", { count: r.recipients, voters: n(r.voters) })} ({percent(r.turnout, view)})
      </p>
      <Table
        id="polls"
        head={[view.t("reports:measure"), view.t("reports:value")]}
        rows={[
          [t("sent"), n(r.sent)],
          [t("recipients"), n(r.recipients)],
          [t("voters"), n(r.voters)],
          [t("turnout"), percent(r.turnout, view)],
          [t("ideasReceived"), n(r.ideasReceived)],
          [t("ideasPolled"), n(r.ideasPolled)],
          [t("becameEvents"), n(r.becameEvents)],
        ]}
      />
      {/* With no poll the table above says so: nothing to list one by one. */}
      {r.polls.length ? (
        <>
          <h3>{t("each")}</h3>
          <div class="pair">
            <BarChart
              id="chart-polls"
              title={t("chart")}
              bars={r.polls.map((p) => ({
                label: inLocale(p.question, view.locale),
                values: [p.turnout ?? 0],
                text: percent(p.turnout, view),
              }))}
            />
            <Table
              id="polls-each"
              head={[t("question"), t("sentAt"), t("recipients"), t("voters"), t("turnout")]}
              rows={r.polls.map((p) => [
                inLocale(p.question, view.locale),
                dateOnly(localDay(new Date(p.sentAt), view.timezone), view),
                n(p.recipients),
                n(p.voters),
                percent(p.turnout, view),
              ])}
            />
          </div>
        </>
      ) : null}
    </Section>
  );
};
