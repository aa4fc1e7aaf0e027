// `npm start` for tests: src/node.ts in a child process on a free port and a fresh database file,
// with the environment a test chooses, and its console output to assert on.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface NodeServer {
  port: number;
  base: string;
  databaseUrl: string;
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

let nextPort = 28_200 + Math.floor(Math.random() * 400);

/**
 * Starts the Node entry and waits until it listens (or exits). `env` replaces the test's own
 * settings: only PATH and HOME are kept, so no developer's credentials leak in.
 */
export async function startNode(
  env: Record<string, string>,
  options: { databaseUrl?: string; waitFor?: string } = {},
): Promise<NodeServer> {
  const port = nextPort++;
  const databaseUrl =
    options.databaseUrl ?? `file:${join(mkdtempSync(join(tmpdir(), "tc-node-")), "db.sqlite")}`;
  const child = spawn(process.execPath, ["--import", "tsx", "src/node.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (d) => {
    text += String(d);
  });
  child.stderr?.on("data", (d) => {
    text += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  const waitFor = options.waitFor ?? "listening on";
  const deadline = Date.now() + 40_000;
  while (!text.includes(waitFor) && !ended) {
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`node did not start:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!text.includes(waitFor)) throw new Error(`node ended before printing "${waitFor}":\n${text}`);
  // The lines printed after listening (simulator, dashboard link) follow within a moment.
  if (!ended) await new Promise((r) => setTimeout(r, 300));
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    databaseUrl,
    child,
    output: () => text,
    exited,
    async stop() {
      if (!ended) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}
