// /admin/api: the JSON API for scripts, behind `Authorization: Bearer <ADMIN_TOKEN>` only (the auth
// middleware refuses cookies here). Inputs are validated with zod; a bad one answers 400 with the
// issues. Mounted at /admin/api; each feature's routes are in its folder's api.ts.
import { Hono } from "hono";
import * as z from "zod/mini";
import type { Deps } from "../deps.ts";
import { lazy } from "../lib/lazy.ts";
import { listAudit } from "./audit/audit.ts";
import { broadcastApiRoutes } from "./broadcast/api.ts";
import { eventsApiRoutes } from "./events/api.ts";
import { membersApiRoutes } from "./members/api.ts";
import { outboxApiRoutes } from "./outbox/api.ts";
import { loadOverview } from "./overview/overview.ts";
import { partnersApiRoutes } from "./partners/api.ts";
import { pollsApiRoutes } from "./polls/api.ts";
import { postsApiRoutes } from "./posts/api.ts";
import { reportsApiRoutes } from "./reports/api.ts";
import { schemeApiRoutes } from "./scheme/api.ts";
import type { AdminEnv } from "./shell/view.ts";

const auditQuery = lazy(() =>
  z.object({
    subject: z.optional(
      z.string().check(z.regex(/^[a-z]+(:[\w-]+)?$/, "must look like member:12 or partner")),
    ),
    before: z.optional(z.coerce.number().check(z.int(), z.positive())),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500)), 50),
  }),
);

export function apiRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get("/overview", async (c) => c.json(await loadOverview(deps.db, deps.now(), deps.config.timezone)));

  app.get("/audit", async (c) => {
    const parsed = z.safeParse(auditQuery(), c.req.query());
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
      return c.json({ error: "invalid query", issues }, 400);
    }
    const { subject, before, limit } = parsed.data;
    return c.json({ entries: await listAudit(deps.db, { subject, beforeId: before, limit }) });
  });

  app.route("/", membersApiRoutes(deps));
  app.route("/", partnersApiRoutes(deps));
  app.route("/", outboxApiRoutes(deps));
  app.route("/", schemeApiRoutes(deps));
  app.route("/", eventsApiRoutes(deps));
  app.route("/", broadcastApiRoutes(deps));
  app.route("/", reportsApiRoutes(deps));
  app.route("/", pollsApiRoutes(deps));
  app.route("/", postsApiRoutes(deps));

  app.all("*", (c) => c.json({ error: "not found" }, 404));
  return app;
}
