// Reports for a period: pages with SVG charts and CSV downloads, every figure computed by SQL from the ledger.
import { Hono } from "hono";
import type { Deps } from "../deps.ts";
import type { AdminEnv } from "./view.ts";

export function reportsRoutes(_deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  return app;
}
