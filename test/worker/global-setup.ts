// Starts the Hrana-over-HTTP server (a real libSQL database on 127.0.0.1) for the workerd suites and
// prepares the template database: our own migrations and the demo scheme, written through the same
// `@libsql/client/web` client the Worker uses. Each test file then gets a fresh copy of it
// (see vitest.worker.config.ts).
import { readFileSync } from "node:fs";
import { createClient } from "@libsql/client/web";
import twilio from "twilio";
import type { TestProject } from "vitest/node";
import { importScheme } from "../../src/scheme/import.ts";
import { parseScheme } from "../../src/scheme/schema.ts";
import { migrate } from "../../src/store/db.ts";
import { startHranaServer } from "../support/hrana-server.ts";
import { AUTH_TOKEN, PUBLIC_URL, TEMPLATE_DB } from "./constants.ts";
import { SIGNATURE_FIXTURE } from "./fixture.ts";

export default async function setup(project: TestProject) {
  const server = await startHranaServer();
  const db = createClient({ url: server.databaseUrl(TEMPLATE_DB), intMode: "number" });
  await migrate(db);
  const demo = JSON.parse(readFileSync(new URL("../../examples/demo-scheme.json", import.meta.url), "utf8"));
  const parsed = parseScheme(demo);
  if (!parsed.ok) throw new Error(`demo scheme invalid: ${JSON.stringify(parsed.errors)}`);
  await importScheme(db, parsed.scheme, new Date());
  db.close();
  project.provide("hranaUrl", server.url);
  // The official library's signature for a fixture, so the WebCrypto signer the tests use inside workerd
  // is proven against the real algorithm.
  project.provide(
    "twilioFixtureSignature",
    twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/sms`, SIGNATURE_FIXTURE),
  );
  return () => server.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    hranaUrl: string;
    twilioFixtureSignature: string;
  }
}
