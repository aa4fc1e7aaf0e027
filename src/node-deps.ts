// The Node runtime's dependencies: real clock, crypto randomness, global fetch, JSON logs.
import type { Config } from "./config.ts";
import { consoleLogger, type Deps } from "./deps.ts";
import { createI18n } from "./i18n/index.ts";
import type { Db } from "./store/db.ts";

export function nodeDeps(config: Config, db: Db): Deps {
  return {
    config,
    db,
    i18n: createI18n(),
    log: consoleLogger,
    now: () => new Date(),
    random: () => crypto.getRandomValues(new Uint32Array(1))[0] ?? 0,
    fetch: globalThis.fetch.bind(globalThis),
    later: (work) =>
      void work.catch((error) => consoleLogger.error("later.failed", { error: String(error?.name) })),
  };
}
