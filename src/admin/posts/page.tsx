// /admin/posts: members' offers and asks waiting for approval (oldest first, each with Approve and
// Refuse), then the ones up now (code, kind, when each ends, how many replied), as cards that read on
// a phone. A post answered already (a second click, another coordinator, its poster's CLOSE) says how
// it stands, 409.
import { Hono } from "hono";
import type { Deps } from "../../deps.ts";
import { deliverDue } from "../../jobs/outbox.ts";
import { type Moderation, moderatePost } from "../../services/moderate-post.ts";
import { idParam } from "../shell/api-input.ts";
import { Csrf, Layout, Notice } from "../shell/layout.tsx";
import { type AdminContext, type AdminEnv, count, dateTime, href, type View, viewOf } from "../shell/view.ts";
import { listPosts, type PostListing } from "./posts.ts";

const Poster = ({ view, p }: { view: View; p: PostListing }) => (
  <a href={href(`/members/${p.memberId}`)}>{p.firstName || view.t("audit.erasedMember")}</a>
);

const Waiting = ({ view, p }: { view: View; p: PostListing }) => (
  <li data-post={p.code} data-status="waiting">
    <span class="badge">{view.t(`posts:kind.${p.kind}`)}</span> <strong>{p.code}</strong> ·{" "}
    <Poster view={view} p={p} />
    <p>{p.body}</p>
    <span class="muted">{view.t("posts:posted", { when: dateTime(p.createdAt, view) })}</span>
    <div class="actions">
      <form method="post" action={href(`/posts/${p.id}/approve`)}>
        <Csrf view={view} />
        <button type="submit">{view.t("posts:approve")}</button>
      </form>
      <form method="post" action={href(`/posts/${p.id}/refuse`)} class="actions">
        <Csrf view={view} />
        <input
          name="reason"
          type="text"
          maxlength={200}
          placeholder={view.t("posts:reasonHint")}
          aria-label={view.t("posts:reason")}
        />
        <button type="submit" class="danger">
          {view.t("posts:refuse")}
        </button>
      </form>
    </div>
  </li>
);

const Open = ({ view, p }: { view: View; p: PostListing }) => (
  <li data-post={p.code} data-status="open">
    <span class="badge">{view.t(`posts:kind.${p.kind}`)}</span> <strong>{p.code}</strong> ·{" "}
    <Poster view={view} p={p} />
    <p>{p.body}</p>
    <span class="muted">
      {view.t("posts:endsAt", { when: dateTime(p.expiresAt, view) })} ·{" "}
      <span data-replies={String(p.replies)}>
        {view.t("posts:replies", { count: count(p.replies, view) })}
      </span>
    </span>
  </li>
);

async function show(c: AdminContext, deps: Deps, status: 200 | 404 | 409, error?: string) {
  const view = viewOf(c, deps);
  const posts = await listPosts(deps.db, ["waiting", "open"]);
  const waiting = posts.filter((p) => p.status === "waiting");
  const open = posts.filter((p) => p.status === "open");
  const notice = c.req.query("notice");
  const code = (c.req.query("code") ?? "").replace(/[^P\d]/g, "");
  const text =
    notice === "approved" || notice === "refused" ? view.t(`posts:notice.${notice}`, { code }) : null;
  return c.html(
    <Layout view={view} title={view.t("posts:title")}>
      <Notice text={text} />
      <Notice text={error} error />
      <p class="muted">{view.t("posts:intro")}</p>
      <h2>{view.t("posts:waiting", { count: count(waiting.length, view) })}</h2>
      {waiting.length ? (
        <ul class="plain" data-list="waiting">
          {waiting.map((p) => (
            <Waiting view={view} p={p} />
          ))}
        </ul>
      ) : (
        <p class="muted">{view.t("posts:noneWaiting")}</p>
      )}
      <h2>{view.t("posts:open", { count: count(open.length, view) })}</h2>
      {open.length ? (
        <ul class="plain" data-list="open">
          {open.map((p) => (
            <Open view={view} p={p} />
          ))}
        </ul>
      ) : (
        <p class="muted">{view.t("posts:noneOpen")}</p>
      )}
    </Layout>,
    status,
  );
}

export function postsRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get("/", (c) => show(c, deps, 200));

  app.post("/:id/:decision{approve|refuse}", async (c) => {
    const view = viewOf(c, deps);
    const postId = idParam(c.req.param("id"));
    const decision = c.req.param("decision") as Moderation;
    const body = await c.req.parseBody();
    const reason = typeof body.reason === "string" ? body.reason.trim().slice(0, 200) : "";
    const result =
      postId === null
        ? ({ ok: false, error: "notFound" } as const)
        : await moderatePost(deps, {
            postId,
            decision,
            reason: decision === "refuse" && reason ? reason : null,
            actor: c.get("coordinator").actor,
          });
    if (result.ok) {
      // The poster's news goes out now, not at the next outbox round.
      deps.later(deliverDue(deps));
      const notice = decision === "approve" ? "approved" : "refused";
      return c.redirect(href("/posts", { notice, code: result.post.code }), 303);
    }
    if (result.error === "notFound") return show(c, deps, 404, view.t("posts:notFound"));
    return show(c, deps, 409, view.t(`posts:already.${result.status}`, { code: result.code }));
  });

  return app;
}
