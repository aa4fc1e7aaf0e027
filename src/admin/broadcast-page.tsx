// Broadcast: a message to a filtered group of members, in each one's language, with a preview.
import { Hono } from "hono";
import type { Deps } from "../deps.ts";
import type { AdminEnv } from "./view.ts";

export function broadcastRoutes(_deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  return app;
}
