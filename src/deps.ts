// The explicit dependencies every part of the app receives: no singletons, no globals.
// Entry files (src/node.ts, src/worker.ts) build one of these for their runtime.
import type { Config } from "./config.ts";
import type { I18n } from "./i18n/index.ts";
import type { Db } from "./store/db.ts";

export interface Logger {
  /** Structured events only: never message bodies, phone numbers or tokens. */
  info(event: string, fields?: Record<string, string | number | boolean | null>): void;
  error(event: string, fields?: Record<string, string | number | boolean | null>): void;
}

export interface Deps {
  config: Config;
  db: Db;
  i18n: I18n;
  log: Logger;
  now: () => Date;
  /** A random 32-bit integer (request and booking codes); injected so tests are deterministic. */
  random: () => number;
  fetch: typeof fetch;
  /** Runs work after the answer has gone (Workers: ctx.waitUntil; Node: a detached promise). */
  later: (work: Promise<unknown>) => void;
}

export const silentLogger: Logger = { info() {}, error() {} };

/** A JSON-lines logger for stdout. */
export const consoleLogger: Logger = {
  info: (event, fields) => console.log(JSON.stringify({ level: "info", event, ...fields })),
  error: (event, fields) => console.error(JSON.stringify({ level: "error", event, ...fields })),
};
