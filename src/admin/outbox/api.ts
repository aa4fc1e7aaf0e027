// /admin/api/outbox: the outbox counts, the messages that failed or are being retried and those that
// went by SMS instead of WhatsApp (never their text, each with Twilio's delivery report), and "retry
// now" for a failed one — the outbox page's own functions behind the bearer token.
import { Hono } from "hono";
import type { Deps } from "../../deps.ts";
import { deliverDue } from "../../jobs/outbox.ts";
import { idParam, notFound } from "../shell/api-input.ts";
import type { AdminEnv } from "../shell/view.ts";
import { outboxCounts, outboxFallbacks, outboxProblems, retryNow } from "./outbox.ts";

export function outboxApiRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get("/outbox", async (c) => {
    const [counts, messages, fallbacks] = await Promise.all([
      outboxCounts(deps.db),
      outboxProblems(deps.db),
      outboxFallbacks(deps.db, deps.now()),
    ]);
    return c.json({ counts, messages, fallbacks });
  });

  app.post("/outbox/:id/retry", async (c) => {
    const id = idParam(c.req.param("id"));
    const done =
      id !== null && (await retryNow(deps.db, { id, actor: c.get("coordinator").actor, now: deps.now() }));
    // Unknown, already sent, or retried by someone else first: there is no failed message to retry.
    if (!done) return notFound(c, "no failed message with this id");
    deps.later(deliverDue(deps));
    return c.json({ id, status: "pending" });
  });

  return app;
}
