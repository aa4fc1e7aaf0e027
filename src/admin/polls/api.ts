// /admin/api for polls (CONTRACT.md "Polls"): POST /polls sends one (or, with "preview": true, says
// who would get it and what it costs), GET /polls/:id is its live counts, GET /polls lists them,
// POST /polls/:id/event turns it into an event, GET /ideas lists what members proposed (IDEA …).
import { Hono } from "hono";
import type { Deps } from "../../deps.ts";
import {
  listIdeas,
  listPolls,
  pollEventSchema,
  pollResults,
  pollSchema,
  pollToEvent,
  sendPoll,
} from "../../services/polls.ts";
import { notFound, readBody } from "../shell/api-input.ts";
import type { AdminEnv } from "../shell/view.ts";

export function pollsApiRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.post("/polls", async (c) => {
    const body = await readBody(c, deps, pollSchema());
    if (!body.ok) return body.response;
    const sent = await sendPoll(deps, body.data, c.get("coordinator").actor);
    if (!sent.ok && sent.error === "nobody") return c.json({ error: "no recipients" }, 422);
    if (!sent.ok) {
      const issues = Object.entries(sent.errors).map(([path, key]) => ({
        path: path === "audience" || path.startsWith("audience") ? path : `question.${path}`,
        message: deps.i18n.t("en", key ?? ""),
      }));
      return c.json({ error: "invalid body", issues }, 400);
    }
    const { plan } = sent;
    const figures = {
      recipients: plan.recipients,
      sendAt: plan.sendAt.toISOString(),
      deferred: plan.deferred,
      smsSegments: plan.smsSegments,
      whatsappConversations: plan.whatsappConversations,
      costPence: plan.costPence,
    };
    return sent.preview ? c.json({ preview: true, ...figures }) : c.json({ id: sent.id, ...figures }, 201);
  });

  app.get("/polls", async (c) => c.json({ polls: await listPolls(deps) }));

  app.get("/polls/:id{[0-9]+}", async (c) => {
    const poll = await pollResults(deps, Number(c.req.param("id")));
    return poll ? c.json(poll) : notFound(c);
  });

  app.post("/polls/:id{[0-9]+}/event", async (c) => {
    const body = await readBody(c, deps, pollEventSchema());
    if (!body.ok) return body.response;
    const made = await pollToEvent(deps, Number(c.req.param("id")), body.data, c.get("coordinator").actor);
    if (!made.ok) return c.json({ error: "refused", errors: made.errors }, made.status);
    return c.json({ event: made.record }, 201);
  });

  app.get("/ideas", async (c) => c.json({ ideas: await listIdeas(deps) }));

  return app;
}
