// Events and offers: list, create and edit with titles in three languages, capacity, cost and value; bookings.
import { Hono } from "hono";
import type { Deps } from "../deps.ts";
import type { AdminEnv } from "./view.ts";

export function eventsRoutes(_deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  return app;
}
