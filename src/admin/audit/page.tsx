// GET /admin/audit: the audit log, newest first, optionally for one subject ("member:12",
// "partner:staithe" or just "partner"), fifty at a time. Each change shows who made it (the name typed
// at login) and the short ref of the login session it came from.
import { Hono } from "hono";
import * as z from "zod/mini";
import type { Deps } from "../../deps.ts";
import { lazy } from "../../lib/lazy.ts";
import { Layout } from "../shell/layout.tsx";
import { type AdminEnv, dateTime, href, type View, viewOf } from "../shell/view.ts";
import { type AuditEntry, listAudit } from "./audit.ts";

const PAGE = 50;

export const auditQuery = lazy(() =>
  z.object({
    subject: z.optional(z.string().check(z.regex(/^[a-z]+(:[\w-]+)?$/))),
    before: z.optional(z.coerce.number().check(z.int(), z.positive())),
  }),
);

/** A subject as a link to its page, where it has one. */
function subjectLink(subject: string): string | null {
  const [kind, id] = subject.split(":");
  if (kind === "member" && id) return href(`/members/${id}`);
  if (kind === "partner" && id) return href(`/partners/${id}/edit`);
  return null;
}

const Json = ({ label, value }: { label: string; value: unknown }) =>
  value === null || value === undefined ? null : (
    <div>
      <span class="muted">{label}</span>
      <pre>{JSON.stringify(value, null, 1)}</pre>
    </div>
  );

const Entry = ({ view, e }: { view: View; e: AuditEntry }) => {
  const link = subjectLink(e.subject);
  const action = `audit.actions.${e.action}`;
  return (
    <li data-audit={String(e.id)} data-action={e.action}>
      <strong>{view.t(action) === action ? e.action : view.t(action)}</strong> ·{" "}
      {link ? <a href={link}>{e.subject}</a> : e.subject}
      {e.member ? (
        <span data-member={String(e.member.id)}>
          {" · "}
          {e.member.erased ? <em>{view.t("audit.erasedMember")}</em> : e.member.name}
        </span>
      ) : null}
      <br />
      <span class="muted">
        {dateTime(e.at, view)} · {e.actor}
        {e.session ? (
          <span data-session={e.session}> · {view.t("access.session", { ref: e.session })}</span>
        ) : null}
      </span>
      <details>
        <summary>{view.t("audit.change")}</summary>
        <div class="grid2">
          <Json label={view.t("audit.before")} value={e.before} />
          <Json label={view.t("audit.after")} value={e.after} />
        </div>
      </details>
    </li>
  );
};

export function auditRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get("/", async (c) => {
    const view = viewOf(c, deps);
    const parsed = z.safeParse(auditQuery(), c.req.query());
    const query = parsed.success ? parsed.data : {};
    const entries = await listAudit(deps.db, {
      subject: query.subject,
      beforeId: query.before,
      limit: PAGE,
      redacted: view.t("audit.redacted"),
    });
    const last = entries.at(-1);
    return c.html(
      <Layout view={view} title={view.t("audit.title")}>
        <search>
          <form class="panel" method="get" action={href("/audit")}>
            <label for="subject">{view.t("audit.subject")}</label>
            <div class="actions">
              <input
                id="subject"
                name="subject"
                type="search"
                value={query.subject ?? ""}
                placeholder="member:12"
              />
              <button type="submit">{view.t("audit.filter")}</button>
            </div>
          </form>
        </search>
        {entries.length ? (
          <ul class="plain">
            {entries.map((e) => (
              <Entry view={view} e={e} />
            ))}
          </ul>
        ) : (
          <p class="muted">{view.t("audit.empty")}</p>
        )}
        {entries.length === PAGE && last ? (
          <p>
            <a href={href("/audit", { subject: query.subject, before: last.id })}>{view.t("audit.older")}</a>
          </p>
        ) : null}
      </Layout>,
    );
  });
  return app;
}
