// Starts bench/hrana-process.ts and talks to it: the Hrana test server with a delay that can be set
// between phases (none while the bench sets up, 20 ms while it measures).
import { fork } from "node:child_process";

export interface RemoteHrana {
  url: string;
  databaseUrl(name: string): string;
  /** Sets the delay of every round trip from now on; resolves once the server has it. */
  setDelay(ms: number): Promise<void>;
  /** Round trips the server has answered so far, and the ms it spent on them (its delay left out). */
  requests(): Promise<{ requests: number; busyMs: number }>;
  close(): Promise<void>;
}

export async function startRemoteHrana(dir: string): Promise<RemoteHrana> {
  const child = fork(new URL("./hrana-process.ts", import.meta.url).pathname, [dir], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = <T>(pick: (m: Record<string, unknown>) => T | undefined) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: Record<string, unknown>) => {
        const value = pick(m);
        if (value === undefined) return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(value);
      };
      const onExit = (code: number | null) => reject(new Error(`hrana server exited ${code}`));
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  const url = await next((m) => (typeof m.url === "string" ? m.url : undefined));
  return {
    url,
    databaseUrl: (name) => `${url}/${name}/`,
    async setDelay(ms) {
      const answered = next((m) => (m.delay === ms ? true : undefined));
      child.send({ delay: ms });
      await answered;
    },
    async requests() {
      const answered = next((m) =>
        typeof m.requests === "number" ? { requests: m.requests, busyMs: Number(m.busyMs) } : undefined,
      );
      child.send({ requests: true });
      return answered;
    },
    async close() {
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.send({ close: true });
      await gone;
    },
  };
}
