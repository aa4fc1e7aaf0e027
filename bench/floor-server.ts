// The raw floor as a server of its own, for the bench's HTTP mode: bench/setup.ts floorApp (signature
// check, one read batch, one write batch, no logic) on @libsql/client over a WAL file, served by
// @hono/node-server as src/node.ts serves the app. Settings: FLOOR_DB (file path), PORT.
// Prints "listening on PORT" once it accepts requests.
import { serve } from "@hono/node-server";
import { createClient } from "@libsql/client";
import { tuneFileDb } from "../src/store/db.ts";
import { floorApp } from "./setup.ts";

const file = process.env.FLOOR_DB;
const port = Number(process.env.PORT);
if (!file || !port) throw new Error("FLOOR_DB and PORT are needed");
// As the app opened it before its native statement cache: the floor stays what it was defined as.
const db = createClient({ url: `file:${file}`, concurrency: 1, intMode: "number" });
await tuneFileDb(db);
const server = serve({ fetch: floorApp(db).fetch, port, hostname: "127.0.0.1" }, () =>
  console.log(`listening on ${port}`),
);
const stop = () => {
  server.close();
  db.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
