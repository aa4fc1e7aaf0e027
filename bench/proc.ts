// CPU of another process, from Linux /proc: the bench's servers and workerd run apart from it.
import { readdirSync, readFileSync } from "node:fs";

/** CPU of every thread of a process so far, in ms (schedstat: nanoseconds on a CPU); null off Linux. */
export function processCpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`))
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    return ns / 1e6;
  } catch {
    return null;
  }
}
