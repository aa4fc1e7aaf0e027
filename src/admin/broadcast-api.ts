// /admin/api for broadcast: JSON, behind the bearer token, inputs validated with zod/mini.
import { Hono } from "hono";
import type { Deps } from "../deps.ts";
import type { AdminEnv } from "./view.ts";

export function broadcastApiRoutes(_deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  return app;
}
