// /admin/api for events: JSON, behind the bearer token, inputs validated with zod/mini.
import { Hono } from "hono";
import type { Deps } from "../deps.ts";
import type { AdminEnv } from "./view.ts";

export function eventsApiRoutes(_deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  return app;
}
