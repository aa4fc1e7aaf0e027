// Community against corporate spending over time, and events held against called off, as page
// sections: a chart, the same figures as a table, and the report's CSV link.
import type { FC } from "hono/jsx";
import { count, credits, type View } from "../shell/view.ts";
import { BarChart } from "./chart.tsx";
import { EVENT_MEASURES } from "./events.ts";
import { dayRange, monthName, percent, Section, Table } from "./parts.tsx";
import type { Bounds } from "./period.ts";
import type { Reports } from "./reports.ts";

export const SpendingSection: FC<{ view: View; b: Bounds; r: Reports["spending"] }> = ({ view, b, r }) => {
  const t = (k: string) => view.t(`reports:spending.${k}`);
  const label = (s: { from: string; to: string }) =>
    r.unit === "week" ? dayRange(s.from, s.to, view) : monthName(s.from.slice(0, 7), view);
  const by = r.unit === "week" ? t("perWeek") : t("perMonth");
  return (
    <Section name="spending" view={view} b={b}>
      <p>
        {t("share")}: <strong data-figure="spending-share">{percent(r.total.communityShare, view)}</strong>
      </p>
      <h3>{by}</h3>
      <div class="pair">
        <BarChart
          id="chart-spending"
          title={by}
          series={[{ name: t("community") }, { name: t("corporate") }]}
          bars={r.spans.map((s) => ({
            label: label(s),
            values: [s.spentCommunity, s.spentCorporate],
            text: percent(s.communityShare, view),
          }))}
        />
        {/* The share first: the figure a narrow screen shows before the table scrolls. */}
        <Table
          id="spending"
          head={[t(r.unit), t("shareShort"), t("community"), t("corporate")]}
          rows={r.spans.map((s) => [
            label(s),
            percent(s.communityShare, view),
            credits(s.spentCommunity, view),
            credits(s.spentCorporate, view),
          ])}
          foot={[
            view.t("reports:total"),
            percent(r.total.communityShare, view),
            credits(r.total.spentCommunity, view),
            credits(r.total.spentCorporate, view),
          ]}
        />
      </div>
    </Section>
  );
};

export const EventsSection: FC<{ view: View; b: Bounds; r: Reports["events"] }> = ({ view, b, r }) => {
  const t = (k: string, p?: Record<string, number>) => view.t(`reports:events.${k}`, p);
  const n = (x: number) => count(x, view);
  return (
    <Section name="events" view={view} b={b}>
      <p data-figure="events-summary">{t("summary", { count: r.withMinimum })}</p>
      <div class="pair">
        <BarChart
          id="chart-events"
          title={t("chart")}
          bars={EVENT_MEASURES.map((k) => ({ label: t(k), values: [r[k]], text: n(r[k]) }))}
        />
        <Table
          id="events"
          head={[view.t("reports:measure"), t("count")]}
          rows={[
            [t("events"), n(r.events)],
            [t("withMinimum"), n(r.withMinimum)],
            ...EVENT_MEASURES.map((k) => [t(k), n(r[k])]),
          ]}
        />
      </div>
    </Section>
  );
};
