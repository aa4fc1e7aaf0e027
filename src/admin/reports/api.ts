// /admin/api/reports/:name?from=&to=: each report as JSON, behind the bearer token. The period is
// checked with zod/mini (400 with the issues on a bad date or from > to); an unknown name is 404.
// Amounts are minutes, as in the ledger (60 = 1 credit).
import { Hono } from "hono";
import type { Deps } from "../../deps.ts";
import type { AdminEnv } from "../shell/view.ts";
import { readPeriod } from "./period.ts";
import { isReportName, loadReport, REPORT_NAMES } from "./reports.ts";

export function reportsApiRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get("/reports", (c) => c.json({ reports: REPORT_NAMES }));

  app.get("/reports/:name", async (c) => {
    const name = c.req.param("name");
    if (!isReportName(name)) return c.json({ error: "unknown report", reports: REPORT_NAMES }, 404);
    const read = readPeriod(
      { from: c.req.query("from"), to: c.req.query("to") },
      deps.now(),
      deps.config.timezone,
    );
    if (!read.ok) {
      const issues = Object.entries(read.errors).map(([path, key]) => ({
        path,
        message: deps.i18n.t("en", key),
      }));
      return c.json({ error: "invalid query", issues }, 400);
    }
    const { from, to, start, end } = read.bounds;
    return c.json({
      report: name,
      period: { from, to, timezone: deps.config.timezone, start, end },
      ...(await loadReport(deps.db, name, read.bounds, deps.now())),
    });
  });

  return app;
}
