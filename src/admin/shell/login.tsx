// The login form (ADMIN_TOKEN, and an optional name for the audit log), one-time links, and log-out.
// The login form is protected from cross-site posts by a double-submit token: a nonce in a SameSite
// cookie, and its HMAC in the form. The token typed in is compared in constant time and never echoed
// or logged; wrong ones are counted per IP and per name, and past the limit every try answers 429.
// A login is a row in admin_sessions, so log-out (this session) and "log out everyone" revoke it.
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import * as z from "zod/mini";
import type { Deps } from "../../deps.ts";
import { lazy } from "../../lib/lazy.ts";
import { auditStatement } from "../../store/audit.ts";
import { cookieOptions, forbidden, LOGIN_COOKIE, SESSION_COOKIE, sessionOf } from "./auth.ts";
import { Layout, Notice } from "./layout.tsx";
import { redeemLoginLink } from "./login-link.ts";
import { randomNonce, SESSION_SECONDS, type SessionKeys, sameText, signSessionId } from "./session.ts";
import {
  type AdminSession,
  insertSession,
  newSession,
  revokeAllSessions,
  revokeSession,
} from "./session-store.ts";
import { clientIp, failureBuckets, minutesToWait, recordFailure, retryAfter } from "./throttle.ts";
import { type AdminContext, type AdminEnv, BASE, type View, viewOf } from "./view.ts";

const loginForm = lazy(() =>
  z.object({
    token: z.string().check(z.minLength(1), z.maxLength(1024)),
    name: z._default(z.string().check(z.trim(), z.maxLength(40)), ""),
    _csrf: z.string(),
  }),
);

const LoginPage = ({ view, csrf, notice }: { view: View; csrf: string; notice: string | null }) => (
  <Layout view={view} title={view.t("login.title")} bare>
    <div class="panel">
      <Notice text={notice} error />
      <form method="post" action={`${BASE}/login`}>
        <input type="hidden" name="_csrf" value={csrf} />
        <label for="token">{view.t("login.token")}</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required />
        <label for="name">{view.t("login.name")}</label>
        <input id="name" name="name" type="text" maxlength={40} autocomplete="name" />
        <p class="muted">{view.t("login.nameHint")}</p>
        <div class="actions">
          <button type="submit">{view.t("login.submit")}</button>
        </div>
      </form>
    </div>
  </Layout>
);

export function loginRoutes(deps: Deps, keys: () => Promise<SessionKeys>): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  /** A fresh login nonce in its cookie, and the form token that goes with it. */
  const newLoginToken = async (c: AdminContext) => {
    const nonce = randomNonce();
    setCookie(c, LOGIN_COOKIE, nonce, cookieOptions(deps.config, 3600));
    return (await keys()).sign("login", nonce);
  };

  const page = async (c: AdminContext, notice: string | null, status: 200 | 401 | 410 | 429 = 200) =>
    c.html(<LoginPage view={viewOf(c, deps)} csrf={await newLoginToken(c)} notice={notice} />, status);

  /** Sets the session cookie and sends the coordinator to the dashboard. */
  const enter = async (c: AdminContext, session: AdminSession) => {
    deleteCookie(c, LOGIN_COOKIE, cookieOptions(deps.config));
    const value = await signSessionId(await keys(), session.id);
    setCookie(c, SESSION_COOKIE, value, cookieOptions(deps.config, SESSION_SECONDS));
    return c.redirect(BASE, 303);
  };

  app.get("/login", async (c) => {
    if (await sessionOf(c, deps, await keys())) return c.redirect(BASE, 303);
    return page(c, null);
  });

  app.post("/login", async (c) => {
    const k = await keys();
    const nonce = getCookie(c, LOGIN_COOKIE) ?? "";
    const parsed = z.safeParse(loginForm(), await c.req.parseBody());
    const expected = nonce ? await k.sign("login", nonce) : "";
    if (!parsed.success || !expected || !sameText(parsed.data._csrf, expected)) {
      return forbidden(viewOf(c, deps).t("errors.csrf"));
    }
    const { token, name } = parsed.data;
    const buckets = failureBuckets(clientIp(c), name);
    // Checked before the token: past the limit even the right one waits, or the limit would not
    // slow a guesser down.
    const wait = await retryAfter(deps.db, buckets, deps.now());
    if (wait > 0) {
      deps.log.info("admin.login", { ok: false, throttled: true });
      c.header("Retry-After", String(wait));
      return page(c, viewOf(c, deps).t("access.tooManyTries", { count: minutesToWait(wait) }), 429);
    }
    if (!(await k.isToken(token))) {
      await recordFailure(deps.db, buckets, deps.now());
      deps.log.info("admin.login", { ok: false });
      return page(c, viewOf(c, deps).t("login.failed"), 401);
    }
    deps.log.info("admin.login", { ok: true });
    const session = newSession(name);
    await deps.db.execute(insertSession(session, deps.now()));
    return enter(c, session);
  });

  app.get("/login/link/:code", async (c) => {
    const session = await redeemLoginLink(deps, c.req.param("code"));
    deps.log.info("admin.link", { ok: session !== null });
    if (!session) return page(c, viewOf(c, deps).t("access.linkUsed"), 410);
    return enter(c, session);
  });

  return app;
}

/**
 * Log-out revokes this session; "log out everyone" revokes all of them (after a token leaked, say),
 * with an audit row. Both sit behind the session and CSRF checks.
 */
export function logoutRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.post("/logout", async (c) => {
    const id = c.get("coordinator").sessionId;
    if (id) await revokeSession(deps.db, id, deps.now());
    deleteCookie(c, SESSION_COOKIE, cookieOptions(deps.config));
    return c.redirect(`${BASE}/login`, 303);
  });
  app.post("/logout/all", async (c) => {
    const now = deps.now();
    const { actor } = c.get("coordinator");
    const audit = auditStatement(
      { actor, action: "sessions.revokeAll", subject: "sessions", before: null, after: null },
      now,
      { key: "revoked", subquery: "SELECT changes()", args: [] },
    );
    const revoked = await revokeAllSessions(deps.db, now, [audit]);
    deps.log.info("admin.logoutAll", { revoked });
    deleteCookie(c, SESSION_COOKIE, cookieOptions(deps.config));
    return c.redirect(`${BASE}/login`, 303);
  });
  return app;
}
