// `timecredits demo [--months N]`: seeds the demo scheme and its made-up history into the configured
// database, and refuses (exit code 2) a database that holds or held a real scheme.
import { DemoAlreadySeededError, demoSummaryText, loadDemo, NotADemoDatabaseError } from "../demo/index.ts";
import type { Db } from "../store/db.ts";

/** `--months 6`, `--months=6` or nothing (6); anything else is null (a usage error). */
export function demoMonths(args: string[]): number | null {
  const joined = args.join(" ").replace("--months=", "--months ").trim();
  if (!joined) return 6;
  const match = /^--months (\d{1,2})$/.exec(joined);
  const months = match ? Number(match[1]) : Number.NaN;
  return months >= 1 && months <= 24 ? months : null;
}

export async function demo(db: Db, months: number, now = new Date()): Promise<number> {
  try {
    console.log(demoSummaryText(await loadDemo(db, { now, months })));
    return 0;
  } catch (error) {
    if (error instanceof NotADemoDatabaseError || error instanceof DemoAlreadySeededError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}
