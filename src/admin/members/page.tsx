// /admin/members: search, one member's page, a correction by counter-entry, resending a message.
import { Hono } from "hono";
import * as z from "zod/mini";
import type { Deps } from "../../deps.ts";
import { deliverDue } from "../../jobs/outbox.ts";
import { lazy } from "../../lib/lazy.ts";
import { Layout, Notice } from "../shell/layout.tsx";
import { type AdminContext, type AdminEnv, credits, href, type View, viewOf } from "../shell/view.ts";
import { Channels } from "./channels.tsx";
import { correctionForm, postCorrection } from "./correction.ts";
import { type FieldErrors, MemberPage } from "./member-page.tsx";
import { loadMember, MAX_RESULTS, type MemberSummary, searchMembers, setPlainSms } from "./members.ts";
import { resendMessage } from "./resend.ts";

const NOTICES = new Set(["corrected", "resent", "plainOn", "plainOff"]);
const plainChoice = lazy(() => z.enum(["0", "1"]));

const SearchPage = ({ view, q, found }: { view: View; q: string; found: MemberSummary[] }) => (
  <Layout view={view} title={view.t("members.title")}>
    <search>
      <form class="panel" method="get" action={href("/members")}>
        <label for="q">{view.t("members.search")}</label>
        <div class="actions">
          <input id="q" name="q" type="search" value={q} placeholder={view.t("members.searchHint")} />
          <button type="submit">{view.t("members.searchSubmit")}</button>
        </div>
      </form>
    </search>
    {found.length ? (
      <ul class="plain">
        {found.map((m) => (
          <li data-member={String(m.id)}>
            <a href={href(`/members/${m.id}`)}>{m.name || m.phone}</a>{" "}
            <span class="muted">
              {[m.phone, m.telegramId ? `Telegram ${m.telegramId}` : null].filter(Boolean).join(" · ")}
            </span>
            <br />
            <span class="muted">
              {view.t("members.balance", { credits: credits(m.available, view) })} ·{" "}
              {view.t(`language.${m.locale}`)}
            </span>{" "}
            {m.optedOut ? <span class="badge">{view.t("members.optedOut")}</span> : null}
            {m.consented ? null : <span class="badge">{view.t("members.invited")}</span>}
            <br />
            <Channels view={view} member={m} />
          </li>
        ))}
      </ul>
    ) : (
      <p class="muted">{view.t("members.none")}</p>
    )}
    {found.length >= MAX_RESULTS ? (
      <p class="muted">{view.t("members.more", { count: MAX_RESULTS })}</p>
    ) : null}
  </Layout>
);

const memberId = lazy(() => z.coerce.number().check(z.int(), z.positive()));

export function membersRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get("/", async (c) => {
    const q = (c.req.query("q") ?? "").slice(0, 100);
    const found = await searchMembers(deps.db, q);
    return c.html(<SearchPage view={viewOf(c, deps)} q={q} found={found} />);
  });

  /** Renders a member's page, or 404; `extra` carries a notice, an error or the refused form. */
  const show = async (
    c: AdminContext,
    status: 200 | 404 | 409 | 422,
    extra: Partial<Parameters<typeof MemberPage>[0]> = {},
  ) => {
    const view = viewOf(c, deps);
    const id = z.safeParse(memberId(), c.req.param("id"));
    const loaded = id.success ? await loadMember(deps.db, id.data) : null;
    if (!loaded)
      return c.html(
        <Layout view={view} title={view.t("members.notFound")}>
          <Notice text={view.t("members.notFound")} error />
        </Layout>,
        404,
      );
    const notice = c.req.query("notice");
    return c.html(
      <MemberPage
        view={view}
        {...loaded}
        notice={notice && NOTICES.has(notice) ? view.t(`members.notice.${notice}`) : null}
        {...extra}
      />,
      status,
    );
  };

  app.get("/:id", (c) => show(c, 200));

  app.post("/:id/corrections", async (c) => {
    const view = viewOf(c, deps);
    const id = z.safeParse(memberId(), c.req.param("id"));
    const loaded = id.success ? await loadMember(deps.db, id.data) : null;
    if (!loaded) return show(c, 404);
    const body = await c.req.parseBody();
    const raw = {
      hours: typeof body.hours === "string" ? body.hours : "",
      reason: typeof body.reason === "string" ? body.reason : "",
      entry: typeof body.entry === "string" ? body.entry : "",
    };
    const parsed = z.safeParse(correctionForm(), raw);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof FieldErrors;
        const fallback = field === "hours" ? "members.errors.hours" : "members.errors.reason";
        errors[field] ??= view.t(issue.message.startsWith("members.") ? issue.message : fallback);
      }
      return show(c, 422, { form: raw, errors, error: view.t("errors.form") });
    }
    const result = await postCorrection(deps.db, {
      memberId: loaded.member.id,
      correction: parsed.data,
      actor: c.get("coordinator").actor,
      available: loaded.member.available,
      now: deps.now(),
    });
    if (!result.ok) {
      const error = view.t("members.errors.overdraw", { credits: credits(loaded.member.available, view) });
      return show(c, 409, { form: raw, error, errors: { hours: error } });
    }
    return c.redirect(href(`/members/${loaded.member.id}`, { notice: "corrected" }), 303);
  });

  // The member's plain-letters SMS option (PLAIN / BEZ POLSKICH ZNAKÓW / BEZ GARUMZĪMĒM in a text).
  app.post("/:id/plain", async (c) => {
    const view = viewOf(c, deps);
    const id = z.safeParse(memberId(), c.req.param("id"));
    const loaded = id.success ? await loadMember(deps.db, id.data) : null;
    if (!loaded) return show(c, 404);
    const body = await c.req.parseBody();
    const choice = z.safeParse(plainChoice(), body.plain);
    if (!choice.success) return show(c, 422, { error: view.t("members.errors.plain") });
    const on = choice.data === "1";
    const result = await setPlainSms(deps.db, {
      member: loaded.member,
      on,
      actor: c.get("coordinator").actor,
      now: deps.now(),
    });
    if (!result.ok) return show(c, 409, { error: view.t("members.errors.plainChanged") });
    return c.redirect(href(`/members/${loaded.member.id}`, { notice: on ? "plainOn" : "plainOff" }), 303);
  });

  app.post("/:id/messages/:message/resend", async (c) => {
    const view = viewOf(c, deps);
    const id = z.safeParse(memberId(), c.req.param("id"));
    const message = z.safeParse(memberId(), c.req.param("message"));
    const loaded = id.success ? await loadMember(deps.db, id.data) : null;
    if (!loaded || !message.success) return show(c, 404);
    const result = await resendMessage(deps.db, {
      ...loaded,
      messageId: message.data,
      actor: c.get("coordinator").actor,
      now: deps.now(),
    });
    if (!result.ok) return show(c, 409, { error: view.t(`members.errors.${result.error}`) });
    deps.later(deliverDue(deps));
    return c.redirect(href(`/members/${loaded.member.id}`, { notice: "resent" }), 303);
  });

  return app;
}
