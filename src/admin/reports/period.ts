// The period a report covers: two local days (inclusive) in the scheme's timezone, checked with
// zod/mini, turned into UTC instants and calendar months for the SQL. By default the last twelve
// calendar months up to today (the current month counted as one of them).
import { TZDate } from "@date-fns/tz";
import * as z from "zod/mini";
import { localDay } from "../../core/format.ts";
import { lazy } from "../../lib/lazy.ts";

/** Local days, YYYY-MM-DD, both included. */
export interface Period {
  from: string;
  to: string;
}

/** One calendar month of a period, cut to the period's ends. */
export interface Month {
  /** YYYY-MM */
  month: string;
  firstDay: string;
  lastDay: string;
  /** UTC instants (ISO, as the tables store them): local midnight at the start, and after the last day. */
  start: string;
  end: string;
}

/** One week (Monday to Sunday) of a period, cut to the period's ends; instants as in a Month. */
export interface Week {
  firstDay: string;
  lastDay: string;
  start: string;
  end: string;
}

export interface Bounds extends Period {
  /** Local midnight at the start of `from`, as an ISO instant. */
  start: string;
  /** Local midnight after `to` (exclusive). */
  end: string;
  months: Month[];
  /** Days in the period, both ends counted. */
  days: number;
  weeks: Week[];
}

/** A period may span at most this many months (one chart bar each). */
export const MAX_MONTHS = 60;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** The query a report page, CSV or API call takes; the messages are locale keys. */
export const periodQuery = lazy(() => {
  const day = z.string().check(z.refine(isRealDay, "reports:errors.date"));
  return z.object({ from: day, to: day }).check(
    z.refine((p) => p.from <= p.to, { message: "reports:errors.order", path: ["to"] }),
    z.refine((p) => monthsBetween(p.from, p.to) <= MAX_MONTHS, {
      message: "reports:errors.tooLong",
      path: ["to"],
    }),
  );
});

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const parts = (text: string) => text.split("-").map(Number) as [number, number, number];

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** The default period: from the first day of the month eleven months back, to today. */
export function defaultPeriod(now: Date, timezone: string): Period {
  const to = localDay(now, timezone);
  const [y, m] = parts(to);
  const back = y * 12 + (m - 1) - 11;
  return { from: ymd(Math.floor(back / 12), (back % 12) + 1, 1), to };
}

/** The UTC instant of local midnight at the start of a day. */
export function localMidnight(text: string, timezone: string): string {
  const [y, m, d] = parts(text);
  return new Date(new TZDate(y, m - 1, d, timezone).getTime()).toISOString();
}

function nextDay(text: string): string {
  const [y, m, d] = parts(text);
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The instants and months of a (valid) period. */
export function boundsOf(period: Period, timezone: string): Bounds {
  const months: Month[] = [];
  let [y, m] = parts(period.from);
  for (;;) {
    const first = ymd(y, m, 1);
    const last = ymd(y, m, lastDayOfMonth(y, m));
    if (first > period.to) break;
    const firstDay = [first, period.from].sort()[1] ?? first;
    const lastDay = [last, period.to].sort()[0] ?? last;
    months.push({
      month: `${y}-${pad(m)}`,
      firstDay,
      lastDay,
      start: localMidnight(firstDay, timezone),
      end: localMidnight(nextDay(lastDay), timezone),
    });
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return {
    ...period,
    start: localMidnight(period.from, timezone),
    end: localMidnight(nextDay(period.to), timezone),
    months,
    days: daysBetween(period.from, period.to) + 1,
    weeks: weeksOf(period, timezone),
  };
}

const dayNumber = (text: string) => {
  const [y, m, d] = parts(text);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};
const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** The period's weeks, Monday to Sunday, the first and last cut to the period. */
function weeksOf(period: Period, timezone: string): Week[] {
  const weeks: Week[] = [];
  let first = period.from;
  while (first <= period.to) {
    // 1970-01-01 was a Thursday: day 0 is weekday 3 counted from Monday.
    const weekday = (dayNumber(first) + 3) % 7;
    let last = first;
    for (let i = weekday; i < 6 && last < period.to; i++) last = nextDay(last);
    weeks.push({
      firstDay: first,
      lastDay: last,
      start: localMidnight(first, timezone),
      end: localMidnight(nextDay(last), timezone),
    });
    first = nextDay(last);
  }
  return weeks;
}

export type PeriodResult =
  | { ok: true; period: Period; bounds: Bounds }
  | { ok: false; input: Period; errors: Partial<Record<keyof Period, string>> };

/**
 * Reads `from` and `to` from a query; either missing takes its default. Errors are locale keys by
 * field, e.g. `{ to: "reports:errors.order" }`.
 */
export function readPeriod(
  query: Record<string, string | undefined>,
  now: Date,
  timezone: string,
): PeriodResult {
  const fallback = defaultPeriod(now, timezone);
  const input = {
    from: (query.from ?? "").trim() || fallback.from,
    to: (query.to ?? "").trim() || fallback.to,
  };
  const parsed = z.safeParse(periodQuery(), input);
  if (!parsed.success) {
    const errors: Partial<Record<keyof Period, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "from" ? "from" : "to";
      errors[field] ??= issue.message.startsWith("reports:") ? issue.message : "reports:errors.date";
    }
    return { ok: false, input, errors };
  }
  return { ok: true, period: parsed.data, bounds: boundsOf(parsed.data, timezone) };
}
