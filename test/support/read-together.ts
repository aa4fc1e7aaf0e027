// Makes racing webhooks truly overlap in tests that prove the write guards: see readTogether.
import type { Harness } from "./harness.ts";

/**
 * Makes webhooks truly overlap: the first `n` read batches wait for one another, so every racer reads
 * before any of them writes (left to itself the in-process database tends to run them one after another).
 * Counts the read batches: a racer that lost and read again shows up as one more.
 */
export function readTogether(h: Harness, n: number): { reads: number } {
  const db = h.deps.db;
  const seen = { reads: 0 };
  let waiting = 0;
  let release: () => void = () => undefined;
  const allRead = new Promise<void>((resolve) => {
    release = resolve;
  });
  h.deps.db = {
    execute: db.execute.bind(db),
    executeMultiple: db.executeMultiple.bind(db),
    batch: async (statements, mode) => {
      if (mode === "read") seen.reads++;
      const result = await db.batch(statements, mode);
      if (mode === "read" && waiting < n) {
        if (++waiting === n) release();
        await allRead;
      }
      return result;
    },
  };
  return seen;
}
