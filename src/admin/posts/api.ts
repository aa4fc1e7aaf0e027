// /admin/api/posts: members' posts as JSON (`?status=waiting`, `open`, … or every post), and approving
// or refusing a waiting one (`{ "reason": … }` optional, kept in the audit log), as the posts page does.
import { Hono } from "hono";
import * as z from "zod/mini";
import type { Deps } from "../../deps.ts";
import { deliverDue } from "../../jobs/outbox.ts";
import { lazy } from "../../lib/lazy.ts";
import { type Moderation, moderatePost } from "../../services/moderate-post.ts";
import { check, idParam, invalid, notFound } from "../shell/api-input.ts";
import type { AdminEnv } from "../shell/view.ts";
import { listPosts, POST_STATUSES, type PostListing } from "./posts.ts";

const listQuery = lazy(() => z.object({ status: z.optional(z.enum(POST_STATUSES)) }));
const moderateBody = lazy(() =>
  z.object({ reason: z.optional(z.string().check(z.trim(), z.maxLength(200))) }),
);

/** A post as JSON: the poster by id and first name only. */
const shown = ({ memberId, firstName, ...p }: PostListing) => ({ ...p, member: { id: memberId, firstName } });

export function postsApiRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get("/posts", async (c) => {
    const query = check(c, deps, listQuery(), c.req.query());
    if (!query.ok) return query.response;
    const posts = await listPosts(deps.db, query.data.status ? [query.data.status] : []);
    return c.json({ posts: posts.map(shown) });
  });

  app.post("/posts/:id/:decision{approve|refuse}", async (c) => {
    const postId = idParam(c.req.param("id"));
    if (postId === null) return notFound(c, "no such post");
    // The body is optional: an approval needs none.
    const text = await c.req.text();
    let input: unknown = {};
    try {
      if (text.trim()) input = JSON.parse(text);
    } catch {
      return invalid(c, [{ path: "", message: "the body is not valid JSON" }]);
    }
    const body = check(c, deps, moderateBody(), input);
    if (!body.ok) return body.response;
    const decision = c.req.param("decision") as Moderation;
    const result = await moderatePost(deps, {
      postId,
      decision,
      reason: decision === "refuse" && body.data.reason ? body.data.reason : null,
      actor: c.get("coordinator").actor,
    });
    if (!result.ok)
      return result.error === "already"
        ? c.json({ error: "already", code: result.code, status: result.status }, 409)
        : notFound(c, "no such post");
    // The poster's news goes out now.
    deps.later(deliverDue(deps));
    const { post } = result;
    const ends = post.status === "open" ? { expiresAt: post.expiresAt } : {};
    return c.json({ id: post.id, code: post.code, status: post.status, ...ends });
  });

  return app;
}
