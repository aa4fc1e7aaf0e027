// Opens the database on Node: an embedded file (WAL), :memory:, or a remote libSQL server.

import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createClient } from "@libsql/client";
import { type Db, tuneFileDb } from "./db.ts";

export async function openNodeDb(url: string, authToken?: string): Promise<Db & { close(): void }> {
  const isFile = url.startsWith("file:");
  if (isFile) {
    const path = url.slice("file:".length).split("?")[0] ?? "";
    if (path && path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  }
  // One connection: per-connection pragmas then stick, and SQLite serialises writers anyway.
  const client = createClient({ url, authToken, concurrency: 1, intMode: "number" });
  if (isFile && !url.includes(":memory:")) await tuneFileDb(client);
  return client;
}
