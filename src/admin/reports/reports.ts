// The six reports by name: what each loads for a period, and its rows as a CSV table (header names are
// stable identifiers for spreadsheets and scripts, like the ledger export's; quoting from src/cli/csv.ts).
import { cell } from "../../cli/csv.ts";
import type { Db } from "../../store/db.ts";
import { type ConfirmationReport, loadConfirmation } from "./confirmation.ts";
import {
  type CreditsReport,
  type HoardingReport,
  type HoursReport,
  loadCredits,
  loadHoarding,
  loadHours,
} from "./ledger.ts";
import { type LanguagesReport, loadLanguages, loadMembers, type MembersReport } from "./people.ts";
import type { Bounds } from "./period.ts";

export const REPORT_NAMES = ["hours", "members", "credits", "hoarding", "languages", "confirmation"] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export interface Reports {
  hours: HoursReport;
  members: MembersReport;
  credits: CreditsReport;
  hoarding: HoardingReport;
  languages: LanguagesReport;
  confirmation: ConfirmationReport;
}

export function isReportName(name: string): name is ReportName {
  return (REPORT_NAMES as readonly string[]).includes(name);
}

const LOADERS: { [K in ReportName]: (db: Db, b: Bounds) => Promise<Reports[K]> } = {
  hours: loadHours,
  members: loadMembers,
  credits: loadCredits,
  hoarding: loadHoarding,
  languages: loadLanguages,
  confirmation: loadConfirmation,
};

export function loadReport<K extends ReportName>(db: Db, name: K, b: Bounds): Promise<Reports[K]> {
  return LOADERS[name](db, b);
}

/** Minutes as credits with at most two decimals, as a number: 90 → 1.5, 20 → 0.33. */
export const creditsOf = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;

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
  hoarding: "hoarding",
  languages: "languages",
  confirmation: "time-to-confirmation",
};

/** The download's file name, e.g. "hours-by-partner-and-month_2025-12-01_2026-11-28.csv". */
export function csvFileName(name: ReportName, b: Bounds): string {
  return `${FILE_STEMS[name]}_${b.from}_${b.to}.csv`;
}
