// The reports by name, and what each loads for a period (csv.ts writes each one's rows as CSV).
import type { Db } from "../../store/db.ts";
import { type ConfirmationReport, loadConfirmation } from "./confirmation.ts";
import { type EventsReport, loadEvents } from "./events.ts";
import { type HelpReport, loadHelp } from "./help.ts";
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
import { loadPolls, type PollsReport } from "./polls.ts";
import { loadPosts, type PostsReport } from "./posts.ts";
import { loadSpending, type SpendingReport } from "./spending.ts";

/** In the page's order; the reciprocity figures a funder asks for follow the credits. */
export const REPORT_NAMES = [
  "hours",
  "members",
  "credits",
  "spending",
  "help",
  "posts",
  "polls",
  "events",
  "hoarding",
  "languages",
  "confirmation",
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export interface Reports {
  hours: HoursReport;
  members: MembersReport;
  credits: CreditsReport;
  spending: SpendingReport;
  help: HelpReport;
  posts: PostsReport;
  polls: PollsReport;
  events: EventsReport;
  hoarding: HoardingReport;
  languages: LanguagesReport;
  confirmation: ConfirmationReport;
}

export function isReportName(name: string): name is ReportName {
  return (REPORT_NAMES as readonly string[]).includes(name);
}

const LOADERS: { [K in ReportName]: (db: Db, b: Bounds, now: Date) => Promise<Reports[K]> } = {
  hours: loadHours,
  members: loadMembers,
  credits: loadCredits,
  spending: loadSpending,
  help: loadHelp,
  posts: loadPosts,
  polls: loadPolls,
  events: loadEvents,
  hoarding: loadHoarding,
  languages: loadLanguages,
  confirmation: loadConfirmation,
};

/** `now` tells what has already happened (an event past its start), for the reports that need it. */
export function loadReport<K extends ReportName>(db: Db, name: K, b: Bounds, now: Date): Promise<Reports[K]> {
  return LOADERS[name](db, b, now);
}

/** Every report for one period, read at once. */
export async function loadReports(db: Db, b: Bounds, now: Date): Promise<Reports> {
  const loaded = await Promise.all(REPORT_NAMES.map((name) => loadReport(db, name, b, now)));
  return Object.fromEntries(REPORT_NAMES.map((name, i) => [name, loaded[i]])) as unknown as Reports;
}
