// /admin/api/scheme: the scheme file, as `timecredits export --format json` writes it (GET) and as
// `timecredits import` reads it (POST). An invalid file is refused whole (400, every error with its
// path, nothing written); a valid one is imported in one write batch with its audit row.
import { Hono } from "hono";
import type { Deps } from "../../deps.ts";
import { hasScheme, importScheme } from "../../scheme/import.ts";
import { parseScheme } from "../../scheme/schema.ts";
import { exportScheme } from "../../scheme/store.ts";
import { auditStatement } from "../../store/audit.ts";
import { erasureKey } from "../../store/privacy-erasure.ts";
import { invalid, notFound } from "../shell/api-input.ts";
import type { AdminEnv } from "../shell/view.ts";

export function schemeApiRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get("/scheme", async (c) => {
    if (!(await hasScheme(deps.db))) return notFound(c, "no scheme has been imported yet");
    return c.json(await exportScheme(deps.db));
  });

  app.post("/scheme", async (c) => {
    let file: unknown;
    try {
      file = await c.req.json();
    } catch {
      return invalid(c, [{ path: "", message: "the body is not valid JSON" }], "invalid scheme file");
    }
    const parsed = parseScheme(file);
    if (!parsed.ok) return invalid(c, parsed.errors, "invalid scheme file");
    const now = deps.now();
    const actor = c.get("coordinator").actor;
    const imported = await importScheme(deps.db, parsed.scheme, now, {
      // The server's key, so members who asked to be erased are recognised and not registered again.
      erasureKey: await erasureKey(deps.db),
      also: (counts) => [
        auditStatement(
          {
            actor,
            action: "scheme.import",
            subject: "scheme",
            before: null,
            after: { name: parsed.scheme.scheme.name, ...counts },
          },
          now,
        ),
      ],
    });
    return c.json({ imported });
  });

  return app;
}
