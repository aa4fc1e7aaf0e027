// Opens the database on Node: an embedded file (WAL) or :memory: through the libsql Database with
// cached statements (native-db.ts), or a remote libSQL server through @libsql/client.

import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createClient } from "@libsql/client";
import { type Db, tuneFileDb } from "./db.ts";
import { openNativeDb } from "./native-db.ts";

export async function openNodeDb(url: string, authToken?: string): Promise<Db & { close(): void }> {
  const path = localPath(url);
  if (path === undefined) {
    return createClient({ url, authToken, concurrency: 1, intMode: "number" });
  }
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  // One connection: per-connection pragmas then stick, and SQLite serialises writers anyway.
  const db = openNativeDb(path);
  if (path !== ":memory:") await tuneFileDb(db);
  return db;
}

/**
 * The file a `file:` URL (or `:memory:`) names, as @libsql/client reads it: `file:rel/x.db`,
 * `file:/abs/x.db`, `file:///abs/x.db`, `file://localhost/abs/x.db`; the query is ignored.
 * Undefined for a remote URL.
 */
export function localPath(url: string): string | undefined {
  if (url === ":memory:") return url;
  if (!url.startsWith("file:")) return undefined;
  let rest = url.slice("file:".length).split(/[?#]/)[0] ?? "";
  if (rest.startsWith("//")) {
    const slash = rest.indexOf("/", 2);
    const host = (slash < 0 ? rest.slice(2) : rest.slice(2, slash)).toLowerCase();
    if (host !== "" && host !== "localhost") {
      throw new Error(
        `DATABASE_URL: a file: URL names no host (${JSON.stringify(host)}); use file:/path or file:///path`,
      );
    }
    rest = slash < 0 ? "" : rest.slice(slash);
  }
  const path = decodeURIComponent(rest);
  if (!path) throw new Error("DATABASE_URL: the file: URL has no path");
  return path;
}
