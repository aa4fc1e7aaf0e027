// The hoarding, language mix and time-to-confirmation reports as page sections: a chart or a list,
// the same figures as a table, and the report's CSV link.
import type { FC } from "hono/jsx";
import { count, credits, dateTime, href, type View } from "../shell/view.ts";
import { BarChart } from "./chart.tsx";
import { decimal, Empty, languageName, Section, Table } from "./parts.tsx";
import type { Bounds } from "./period.ts";
import type { Reports } from "./reports.ts";

/** Rows of the hoarding list shown on the page; the CSV has every one. */
export const HOARDING_SHOWN = 100;

export const HoardingSection: FC<{ view: View; b: Bounds; r: Reports["hoarding"] }> = ({ view, b, r }) => {
  const t = (k: string, p?: Record<string, number>) => view.t(`reports:hoarding.${k}`, p);
  return (
    <Section name="hoarding" view={view} b={b}>
      <p>
        {t("count")}: <strong data-figure="hoarding-count">{count(r.members.length, view)}</strong>
      </p>
      {r.members.length ? (
        <div class="scroll">
          <table data-table="hoarding">
            <thead>
              <tr>
                <th scope="col">{t("member")}</th>
                <th scope="col" class="num">
                  {t("balance")}
                </th>
                <th scope="col">{t("lastSpend")}</th>
              </tr>
            </thead>
            <tbody>
              {r.members.slice(0, HOARDING_SHOWN).map((m) => (
                <tr>
                  <th scope="row">
                    <a href={href(`/members/${m.memberId}`)}>{m.name || `${t("erased")} #${m.memberId}`}</a>
                  </th>
                  <td class="num">{credits(m.minutes, view)}</td>
                  <td>{m.lastSpend ? dateTime(m.lastSpend, view) : t("never")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Empty view={view} />
      )}
      {r.members.length > HOARDING_SHOWN ? <p class="muted">{t("more", { shown: HOARDING_SHOWN })}</p> : null}
    </Section>
  );
};

export const LanguagesSection: FC<{ view: View; b: Bounds; r: Reports["languages"] }> = ({ view, b, r }) => {
  const t = (k: string) => view.t(`reports:languages.${k}`);
  const name = (locale: string, group: string) =>
    languageName(locale, view, group === "outbox" ? "unknown" : "none");
  return (
    <Section name="languages" view={view} b={b}>
      {(["members", "inbound", "replies", "outbox"] as const).map((group) => (
        <>
          <h3>{t(group)}</h3>
          {r[group].length ? (
            <div class="pair">
              <BarChart
                id={`chart-languages-${group}`}
                title={t(group)}
                bars={r[group].map((x) => ({
                  label: name(x.locale, group),
                  values: [x.count],
                  text: count(x.count, view),
                }))}
              />
              <Table
                id={`languages-${group}`}
                head={[t("language"), t("count")]}
                rows={r[group].map((x) => [name(x.locale, group), count(x.count, view)])}
              />
            </div>
          ) : (
            <Empty view={view} />
          )}
        </>
      ))}
    </Section>
  );
};

export const ConfirmationSection: FC<{ view: View; b: Bounds; r: Reports["confirmation"] }> = ({
  view,
  b,
  r,
}) => {
  const t = (k: string) => view.t(`reports:confirmation.${k}`);
  const row = (name: string, x: { requests: number; medianHours: number; p90Hours: number }) => [
    name,
    count(x.requests, view),
    decimal(x.medianHours, view),
    decimal(x.p90Hours, view),
  ];
  return (
    <Section name="confirmation" view={view} b={b}>
      {r.partners.length ? (
        <div class="pair">
          <BarChart
            id="chart-confirmation"
            title={t("chart")}
            grouped
            series={[{ name: t("median") }, { name: t("p90") }]}
            bars={r.partners.map((p) => ({
              label: p.partner,
              values: [p.medianHours, p.p90Hours],
              text: `${decimal(p.medianHours, view)} / ${decimal(p.p90Hours, view)}`,
            }))}
          />
          <Table
            id="confirmation"
            head={[view.t("reports:partner"), t("requests"), t("median"), t("p90")]}
            rows={r.partners.map((p) => row(p.partner, p))}
            foot={row(t("all"), r.all)}
          />
        </div>
      ) : (
        <Empty view={view} />
      )}
    </Section>
  );
};
