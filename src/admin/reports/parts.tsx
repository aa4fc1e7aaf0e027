// The pieces every report section is made of: its heading, intro and CSV link, a plain table (what a
// screen reader reads, and what the tests check), and how months, hours and languages are written.
import type { Child, FC } from "hono/jsx";
import { href, type View } from "../shell/view.ts";
import type { Bounds } from "./period.ts";
import type { ReportName } from "./reports.ts";

const intlLocale = (view: View) => (view.locale === "en" ? "en-GB" : view.locale);

/** "2026-11" as "Nov 2026" / "lis 2026" / "nov. 2026", kept on one line in a narrow column. */
export function monthName(month: string, view: View): string {
  const [y, m] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(intlLocale(view), {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  })
    .format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 15)))
    .replace(/ /g, "\u00a0");
}

/** Hours with at most one decimal, e.g. 26 or 2.5 (2,5). */
export const decimal = (n: number, view: View) =>
  new Intl.NumberFormat(intlLocale(view), { maximumFractionDigits: 1 }).format(n);

/** A language's name; "" is a sender who is not a member, or an outbox recipient not found at all. */
export const languageName = (locale: string, view: View, missing: "none" | "unknown") =>
  locale
    ? ["en", "pl", "lv"].includes(locale)
      ? view.t(`language.${locale}`)
      : locale
    : view.t(`reports:languages.${missing}`);

export const Section: FC<{ name: ReportName; view: View; b: Bounds; children?: Child }> = ({
  name,
  view,
  b,
  children,
}) => (
  <section class="report" id={name} aria-labelledby={`${name}-heading`}>
    <h2 id={`${name}-heading`}>{view.t(`reports:${name}.title`)}</h2>
    <p class="muted">{view.t(`reports:${name}.intro`)}</p>
    {children}
    <a class="download" href={href(`/reports/${name}.csv`, { from: b.from, to: b.to })} download>
      {view.t("reports:download")} · {view.t(`reports:${name}.title`)}
    </a>
  </section>
);

/** A table of plain cells; the first column is a row header. */
export const Table: FC<{ id: string; head: string[]; rows: string[][]; foot?: string[] }> = ({
  id,
  head,
  rows,
  foot,
}) => (
  <div class="scroll">
    <table data-table={id}>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th scope="col" class={i ? "num" : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>{r.map((c, i) => (i ? <td class="num">{c}</td> : <th scope="row">{c}</th>))}</tr>
        ))}
      </tbody>
      {foot ? (
        <tfoot>
          <tr>{foot.map((c, i) => (i ? <td class="num">{c}</td> : <th scope="row">{c}</th>))}</tr>
        </tfoot>
      ) : null}
    </table>
  </div>
);

export const Empty: FC<{ view: View }> = ({ view }) => <p class="muted">{view.t("reports:none")}</p>;

/** A share (0…1) as a percentage, e.g. 0.4 → "40%"; "–" where there was nothing to share. */
export const percent = (share: number | null, view: View) =>
  share === null
    ? "–"
    : new Intl.NumberFormat(intlLocale(view), { style: "percent", maximumFractionDigits: 1 }).format(share);

/** Two local days as a short range on one line, e.g. "6–12 Jul" / "6–12 lip" / "6.–12. jūl.". */
export function dayRange(from: string, to: string, view: View): string {
  const at = (day: string) => {
    const [y, m, d] = day.split("-").map(Number);
    return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
  };
  return new Intl.DateTimeFormat(intlLocale(view), { day: "numeric", month: "short", timeZone: "UTC" })
    .formatRange(at(from), at(to))
    .replace(/ /g, "\u00a0");
}
