// The hours, new members and credits reports as page sections: a chart, the same figures as a
// table, and the report's CSV link.
import type { FC } from "hono/jsx";
import { count, credits, type View } from "../shell/view.ts";
import { BarChart } from "./chart.tsx";
import { Empty, monthName, Section, Table } from "./parts.tsx";
import type { Bounds } from "./period.ts";
import type { Reports } from "./reports.ts";

export const HoursSection: FC<{ view: View; b: Bounds; r: Reports["hours"] }> = ({ view, b, r }) => {
  const t = (k: string) => view.t(`reports:${k}`);
  return (
    <Section name="hours" view={view} b={b}>
      <p>
        {t("hours.total")}: <strong data-figure="hours-total">{credits(r.totalMinutes, view)}</strong>
      </p>
      <h3>{t("hours.perMonth")}</h3>
      <div class="pair">
        <BarChart
          id="chart-hours-month"
          title={t("hours.perMonth")}
          bars={r.months.map((m) => ({
            label: monthName(m.month, view),
            values: [m.minutes],
            text: credits(m.minutes, view),
          }))}
        />
        <Table
          id="hours-month"
          head={[t("month"), t("hours.hours")]}
          rows={r.months.map((m) => [monthName(m.month, view), credits(m.minutes, view)])}
        />
      </div>
      <h3>{t("hours.perPartner")}</h3>
      {r.partners.length ? (
        <>
          <div class="pair">
            <BarChart
              id="chart-hours-partner"
              title={t("hours.perPartner")}
              bars={r.partners.map((p) => ({
                label: p.partner,
                values: [p.minutes],
                text: credits(p.minutes, view),
              }))}
            />
            <Table
              id="hours-partner"
              head={[t("partner"), t("hours.entries"), t("hours.hours")]}
              rows={r.partners.map((p) => [p.partner, count(p.entries, view), credits(p.minutes, view)])}
            />
          </div>
          <details>
            <summary>{t("hours.detail")}</summary>
            <Table
              id="hours-detail"
              head={[t("month"), t("partner"), t("hours.entries"), t("hours.hours")]}
              rows={r.rows.map((x) => [
                monthName(x.month, view),
                x.partner,
                count(x.entries, view),
                credits(x.minutes, view),
              ])}
            />
          </details>
        </>
      ) : (
        <Empty view={view} />
      )}
    </Section>
  );
};

export const MembersSection: FC<{ view: View; b: Bounds; r: Reports["members"] }> = ({ view, b, r }) => {
  const t = (k: string) => view.t(`reports:${k}`);
  const n = (x: number) => count(x, view);
  return (
    <Section name="members" view={view} b={b}>
      <div class="pair">
        <BarChart
          id="chart-members"
          title={t("members.chart")}
          series={[
            { name: t("members.never") },
            { name: t("members.before") },
            { name: t("members.notAnswered") },
          ]}
          bars={r.months.map((m) => ({
            label: monthName(m.month, view),
            values: [m.neverVolunteered, m.volunteeredBefore, m.notAnswered],
            text: n(m.joined),
          }))}
        />
        <Table
          id="members"
          head={[
            t("month"),
            t("members.joined"),
            t("members.never"),
            t("members.before"),
            t("members.notAnswered"),
          ]}
          rows={r.months.map((m) => [
            monthName(m.month, view),
            n(m.joined),
            n(m.neverVolunteered),
            n(m.volunteeredBefore),
            n(m.notAnswered),
          ])}
          foot={[
            t("total"),
            n(r.total.joined),
            n(r.total.neverVolunteered),
            n(r.total.volunteeredBefore),
            n(r.total.notAnswered),
          ]}
        />
      </div>
    </Section>
  );
};

export const CreditsSection: FC<{ view: View; b: Bounds; r: Reports["credits"] }> = ({ view, b, r }) => {
  const t = (k: string) => view.t(`reports:credits.${k}`);
  const flows = ["issued", "spentCommunity", "spentCorporate", "gifted"] as const;
  const all = [...flows, "corrections", "outstandingAtEnd", "heldNow"] as const;
  return (
    <Section name="credits" view={view} b={b}>
      <div class="pair">
        <BarChart
          id="chart-credits"
          title={t("chart")}
          bars={flows.map((k) => ({ label: t(k), values: [r[k]], text: credits(r[k], view) }))}
        />
        <Table
          id="credits"
          head={[t("measure"), t("credits")]}
          rows={all.map((k) => [t(k), credits(r[k], view)])}
        />
      </div>
    </Section>
  );
};
