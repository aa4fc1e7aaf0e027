// /admin/api/members: search, one member (profile, balance, history, messages), a correction as a
// counter-entry, resending a message and the plain-letters SMS option — the members page's own
// functions behind the bearer token, so the rules (no overdraft, opt-outs, audit rows) are the same.
import { Hono } from "hono";
import * as z from "zod/mini";
import type { Deps } from "../../deps.ts";
import { deliverDue } from "../../jobs/outbox.ts";
import { lazy } from "../../lib/lazy.ts";
import { check, idParam, invalid, notFound, readBody, validate } from "../shell/api-input.ts";
import type { AdminContext, AdminEnv } from "../shell/view.ts";
import { correctionForm, postCorrection } from "./correction.ts";
import { loadMember, searchMembers, setPlainSms } from "./members.ts";
import { resendMessage } from "./resend.ts";

const searchQuery = lazy(() => z.object({ q: z._default(z.string().check(z.maxLength(100)), "") }));

/** Credits as a number (negative takes away); the page's rules apply to it as if typed as hours. */
const correctionBody = lazy(() =>
  z.object({
    credits: z.number().check(z.refine(Number.isFinite, "must be a number")),
    reason: z.string(),
    /** The entry being corrected, when there is one. */
    entry: z.optional(z.int().check(z.positive())),
  }),
);

const resendBody = lazy(() => z.object({ messageId: z.int().check(z.positive()) }));
const plainBody = lazy(() => z.object({ on: z.boolean() }));

export function membersApiRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const load = (c: AdminContext) => {
    const id = idParam(c.req.param("id"));
    return id === null ? null : loadMember(deps.db, id);
  };
  const actor = (c: AdminContext) => c.get("coordinator").actor;

  app.get("/members", async (c) => {
    const query = check(c, deps, searchQuery(), c.req.query());
    if (!query.ok) return query.response;
    return c.json({ members: await searchMembers(deps.db, query.data.q) });
  });

  app.get("/members/:id", async (c) => {
    const loaded = await load(c);
    return loaded ? c.json(loaded) : notFound(c, "no such member");
  });

  app.post("/members/:id/corrections", async (c) => {
    const loaded = await load(c);
    if (!loaded) return notFound(c, "no such member");
    const body = await readBody(c, deps, correctionBody());
    if (!body.ok) return body.response;
    const { credits, reason, entry } = body.data;
    // The page's own form schema: the same limits on size, zero and the reason's length.
    const form = validate(deps, correctionForm(), {
      hours: String(credits),
      reason,
      ...(entry === undefined ? {} : { entry: String(entry) }),
    });
    if (!form.ok)
      return invalid(
        c,
        form.issues.map((i) => ({ ...i, path: i.path === "hours" ? "credits" : i.path })),
      );
    const { member } = loaded;
    const result = await postCorrection(deps.db, {
      memberId: member.id,
      correction: form.data,
      actor: actor(c),
      available: member.available,
      now: deps.now(),
    });
    if (!result.ok) {
      const message = deps.i18n.t("en", "admin:members.errors.overdraw", {
        credits: String(member.available / 60),
      });
      return c.json({ error: "overdraw", issues: [{ path: "credits", message }] }, 409);
    }
    const after = await loadMember(deps.db, member.id);
    return c.json({ member: after?.member, entry: after?.history[0] }, 201);
  });

  app.post("/members/:id/resend", async (c) => {
    const loaded = await load(c);
    if (!loaded) return notFound(c, "no such member");
    const body = await readBody(c, deps, resendBody());
    if (!body.ok) return body.response;
    const result = await resendMessage(deps.db, {
      ...loaded,
      messageId: body.data.messageId,
      actor: actor(c),
      now: deps.now(),
    });
    if (!result.ok)
      return result.error === "notFound"
        ? notFound(c, "no such message to this member")
        : c.json({ error: "opted out", message: deps.i18n.t("en", "admin:members.errors.optedOut") }, 409);
    deps.later(deliverDue(deps));
    return c.json({ resent: body.data.messageId }, 202);
  });

  app.put("/members/:id/plain-sms", async (c) => {
    const loaded = await load(c);
    if (!loaded) return notFound(c, "no such member");
    const body = await readBody(c, deps, plainBody());
    if (!body.ok) return body.response;
    const result = await setPlainSms(deps.db, {
      member: loaded.member,
      on: body.data.on,
      actor: actor(c),
      now: deps.now(),
    });
    if (!result.ok)
      return c.json(
        { error: "conflict", message: deps.i18n.t("en", "admin:members.errors.plainChanged") },
        409,
      );
    return c.json({ id: loaded.member.id, plainSms: body.data.on });
  });

  return app;
}
