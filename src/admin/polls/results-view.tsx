// One poll's results as they stand: each option's answers and share as a horizontal bar chart (the
// reports' server-drawn SVG) with the same figures as a table, how many of its recipients answered,
// when it closes or closed; then the event it became, or a small form that makes it one.
import { raw } from "hono/html";
import { inLocale } from "../../core/polls.ts";
import type { PollResults } from "../../services/polls.ts";
import type { FormErrors } from "../events/form.ts";
import { BarChart, CHART_CSS } from "../reports/chart.tsx";
import { Layout, Notice } from "../shell/layout.tsx";
import { count, dateTime, href, type View } from "../shell/view.ts";
import type { PollEventValues } from "./event-form.ts";
import { EventForm } from "./event-view.tsx";
import { isOpen } from "./list-view.tsx";

/** A share of the answers, e.g. 0.667 → "67%" ("67 %" where the language writes it so). */
const percent = (share: number, view: View) =>
  new Intl.NumberFormat(view.locale === "en" ? "en-GB" : view.locale, {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(share);

export interface ResultsPageProps {
  view: View;
  poll: PollResults;
  partners: Array<{ id: string; name: string }>;
  values: PollEventValues;
  errors: FormErrors;
  notice?: string | null;
  /** The event's title, when the poll became one. */
  eventTitle?: string | null;
}

export const ResultsPage = ({
  view,
  poll,
  partners,
  values,
  errors,
  notice,
  eventTitle,
}: ResultsPageProps) => {
  const t = view.t;
  const open = isOpen(poll, view.now);
  const share = (n: number) => (poll.voters ? n / poll.voters : 0);
  const label = (i: number) => `${i + 1} ${inLocale(poll.options[i] ?? { en: "" }, view.locale)}`;
  const figure = (n: number) => `${count(n, view)} · ${percent(share(n), view)}`;
  const formError = Object.keys(errors).length ? t(errors.form ?? "errors.form") : null;
  return (
    <Layout view={view} title={inLocale(poll.question, view.locale)}>
      <style>{raw(CHART_CSS)}</style>
      <Notice text={notice} />
      <Notice text={formError} error />
      <p data-status={open ? "open" : "closed"}>
        <span class="badge">{open ? t("polls:results.open") : t("polls:results.closedBadge")}</span>{" "}
        {open
          ? t("polls:results.closes", { when: dateTime(poll.closesAt, view) })
          : t("polls:results.closed", { when: dateTime(poll.closedAt ?? poll.closesAt, view) })}
      </p>
      <p data-figure="turnout" data-voters={String(poll.voters)} data-recipients={String(poll.recipients)}>
        {t("polls:results.turnout", {
          count: poll.recipients,
          voters: count(poll.voters, view),
          recipients: count(poll.recipients, view),
          share: percent(poll.recipients ? poll.voters / poll.recipients : 0, view),
        })}
      </p>
      <p class="muted">
        {t("polls:results.sent", { when: dateTime(poll.createdAt, view) })} ·{" "}
        <a href={href(`/polls/${poll.id}`)}>{t("polls:results.refresh")}</a>
      </p>
      <BarChart
        id="chart-poll"
        title={t("polls:results.chart")}
        bars={poll.counts.map((n, i) => ({ label: label(i), values: [n], text: figure(n) }))}
      />
      <div class="scroll">
        <table data-table="results">
          <caption class="muted">{t("polls:results.chart")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("polls:results.option")}</th>
              <th scope="col" class="num">
                {t("polls:results.answers")}
              </th>
              <th scope="col" class="num">
                {t("polls:results.share")}
              </th>
            </tr>
          </thead>
          <tbody>
            {poll.counts.map((n, i) => (
              <tr data-option={String(i + 1)} data-count={String(n)}>
                <th scope="row">{label(i)}</th>
                <td class="num">{t("polls:count.votes", { count: n, n: count(n, view) })}</td>
                <td class="num">{percent(share(n), view)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {poll.eventId ? (
        <p class="notice" data-event={poll.eventId}>
          {t("polls:results.event")}{" "}
          <a href={href(`/events/${poll.eventId}`)}>{eventTitle || poll.eventId}</a>
        </p>
      ) : (
        <EventForm view={view} poll={poll} values={values} errors={errors} partners={partners} />
      )}
      <p>
        <a href={href("/polls")}>{t("polls:results.back")}</a>
      </p>
    </Layout>
  );
};
