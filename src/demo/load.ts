// Loads the demo: the demo scheme into an empty database (marked as the demo), then a reproducible
// history of `months` months up to `now`, written in one batch. Refuses any database that holds, or
// ever held, a real scheme, and a demo already seeded.
import { readFileSync } from "node:fs";
import { importScheme } from "../scheme/import.ts";
import { parseScheme, type SchemeFile } from "../scheme/schema.ts";
import type { Db } from "../store/db.ts";
import { demoSeededAt, NotADemoDatabaseError, schemeOrigin } from "../store/scheme-origin.ts";
import { historyStart, planHistory } from "./history.ts";
import { type DemoSummary, summarise } from "./summary.ts";
import { readWorld } from "./world.ts";
import { nextIds, planStatements } from "./write.ts";

export const DEMO_SCHEME_FILE = new URL("../../examples/demo-scheme.json", import.meta.url);
export const DEFAULT_SEED = 13;
export const MAX_MONTHS = 24;

/** The demo has been seeded into this database already: seeding again would double its history. */
export class DemoAlreadySeededError extends Error {
  override readonly name = "DemoAlreadySeededError";
  constructor(readonly seededAt: string) {
    super(`The demo history was already seeded into this database (at ${seededAt}); nothing was added.`);
  }
}

export interface DemoOptions {
  now: Date;
  /** How many months of history, up to `now` (1–24; 6 by default). */
  months?: number;
  /** The same seed and `now` give the same database. */
  seed?: number;
  /** About 150 by default. */
  members?: number;
  /** The demo scheme; examples/demo-scheme.json by default. */
  scheme?: SchemeFile;
}

/** examples/demo-scheme.json, validated. */
export function readDemoScheme(): SchemeFile {
  const parsed = parseScheme(JSON.parse(readFileSync(DEMO_SCHEME_FILE, "utf8")));
  if (!parsed.ok) throw new Error(`demo scheme is invalid: ${parsed.errors.map((e) => e.path).join(", ")}`);
  return parsed.scheme;
}

/**
 * Seeds the demo. Throws NotADemoDatabaseError on a database that holds a real scheme (or did once),
 * DemoAlreadySeededError when the demo history is there already, RangeError on a bad `months`.
 * @example await loadDemo(db, { now: new Date(), months: 6 }) // { members: 150, … }
 */
export async function loadDemo(db: Db, options: DemoOptions): Promise<DemoSummary> {
  const { now, months = 6, seed = DEFAULT_SEED, members = 150 } = options;
  if (!Number.isInteger(months) || months < 1 || months > MAX_MONTHS) {
    throw new RangeError(`months must be a whole number from 1 to ${MAX_MONTHS}`);
  }
  const origin = await schemeOrigin(db);
  if (origin === "real") throw new NotADemoDatabaseError(origin);
  const seededAt = await demoSeededAt(db);
  if (seededAt) throw new DemoAlreadySeededError(seededAt);
  if (origin === "empty") await importScheme(db, options.scheme ?? readDemoScheme(), now, { demo: true });
  const world = await readWorld(db);
  const plan = planHistory({ world, now, months, seed, members });
  await db.batch(planStatements(plan, await nextIds(db), now), "write");
  return summarise(plan, { from: new Date(historyStart(now, months)), to: now, months });
}
