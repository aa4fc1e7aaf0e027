// Each report's rows as a CSV table: header names are stable identifiers for spreadsheets and scripts,
// like the ledger export's; quoting from src/cli/csv.ts. Amounts are minutes with credits beside them.
import { cell } from "../../cli/csv.ts";
import { EVENT_MEASURES } from "./events.ts";
import type { Bounds } from "./period.ts";
import { POST_MEASURES } from "./posts.ts";
import type { ReportName, Reports } from "./reports.ts";

/** Minutes as credits with at most two decimals, as a number: 90 → 1.5, 20 → 0.33. */
export const creditsOf = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;

/** camelCase as a CSV identifier: calledOff → called_off. */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Cell = string | number | null;
export interface CsvTable {
  header: string[];
  rows: Cell[][];
}

const CSV: { [K in ReportName]: (r: Reports[K]) => CsvTable } = {
  hours: (r) => ({
    header: ["month", "partner_id", "partner", "entries", "minutes", "credits"],
    rows: r.rows.map((x) => [x.month, x.partnerId, x.partner, x.entries, x.minutes, creditsOf(x.minutes)]),
  }),
  members: (r) => ({
    header: ["month", "joined", "never_volunteered", "volunteered_before", "not_answered"],
    rows: r.months.map((x) => [x.month, x.joined, x.neverVolunteered, x.volunteeredBefore, x.notAnswered]),
  }),
  credits: (r) => ({
    header: ["measure", "minutes", "credits"],
    rows: (
      [
        ["issued", r.issued],
        ["spent_community", r.spentCommunity],
        ["spent_corporate", r.spentCorporate],
        ["gifted", r.gifted],
        ["corrections", r.corrections],
        ["outstanding_at_end", r.outstandingAtEnd],
        ["held_in_bookings_now", r.heldNow],
      ] as const
    ).map(([measure, minutes]) => [measure, minutes, creditsOf(minutes)]),
  }),
  spending: (r) => ({
    header: [
      "span",
      "from",
      "to",
      "spent_community_minutes",
      "spent_corporate_minutes",
      "spent_community_credits",
      "spent_corporate_credits",
      "community_share",
    ],
    rows: [
      ...r.spans.map((x) => [r.unit, x.from, x.to, ...shareCells(x)]),
      ["total", r.spans[0]?.from ?? "", r.spans.at(-1)?.to ?? "", ...shareCells(r.total)],
    ],
  }),
  help: (r) => ({
    header: ["month", "payments", "minutes", "hours", "helpers", "helped"],
    rows: [
      ...r.months.map((x) => [x.month, x.payments, x.minutes, x.hours, x.helpers, x.helped]),
      ["total", r.payments, r.minutes, r.hours, r.helpers, r.helped],
    ],
  }),
  posts: (r) => ({
    header: ["measure", "offers", "asks", "all"],
    rows: POST_MEASURES.map((m) => [m, r.offers[m], r.asks[m], r.all[m]]),
  }),
  polls: (r) => ({
    header: ["measure", "value"],
    rows: [
      ["polls_sent", r.sent],
      ["recipients", r.recipients],
      ["voters", r.voters],
      ["turnout", r.turnout],
      ["ideas_received", r.ideasReceived],
      ["ideas_polled", r.ideasPolled],
      ["became_events", r.becameEvents],
    ],
  }),
  events: (r) => ({
    header: ["measure", "events"],
    rows: [
      ["events", r.events],
      ["with_minimum", r.withMinimum],
      ...EVENT_MEASURES.map((m) => [snake(m), r[m]]),
    ],
  }),
  hoarding: (r) => ({
    header: ["member_id", "name", "balance_minutes", "balance_credits", "last_spend"],
    rows: r.members.map((m) => [m.memberId, m.name, m.minutes, creditsOf(m.minutes), m.lastSpend]),
  }),
  languages: (r) => ({
    header: ["messages", "language", "count"],
    rows: (["members", "inbound", "replies", "outbox"] as const).flatMap((group) =>
      r[group].map((x) => [group, x.locale || "none", x.count]),
    ),
  }),
  confirmation: (r) => ({
    header: ["partner_id", "partner", "requests", "median_hours", "p90_hours"],
    rows: [
      ...r.partners.map((p) => [p.partnerId, p.partner, p.requests, p.medianHours, p.p90Hours]),
      ["*", "all partners", r.all.requests, r.all.medianHours, r.all.p90Hours],
    ],
  }),
};

function shareCells(x: {
  spentCommunity: number;
  spentCorporate: number;
  communityShare: number | null;
}): Cell[] {
  return [
    x.spentCommunity,
    x.spentCorporate,
    creditsOf(x.spentCommunity),
    creditsOf(x.spentCorporate),
    x.communityShare,
  ];
}

export function csvTable<K extends ReportName>(name: K, report: Reports[K]): CsvTable {
  return CSV[name](report);
}

/** A table as CSV text: a header row, CRLF line ends (RFC 4180). */
export function csvText(table: CsvTable): string {
  const lines = [table.header.map(cell).join(","), ...table.rows.map((r) => r.map(cell).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

const FILE_STEMS: Record<ReportName, string> = {
  hours: "hours-by-partner-and-month",
  members: "new-members",
  credits: "credits",
  spending: "community-spending-over-time",
  help: "member-to-member-help",
  posts: "offers-and-asks",
  polls: "polls-and-turnout",
  events: "events-held-and-called-off",
  hoarding: "hoarding",
  languages: "languages",
  confirmation: "time-to-confirmation",
};

/** The download's file name, e.g. "hours-by-partner-and-month_2025-12-01_2026-11-28.csv". */
export function csvFileName(name: ReportName, b: Bounds): string {
  return `${FILE_STEMS[name]}_${b.from}_${b.to}.csv`;
}
