// The login form (ADMIN_TOKEN, and an optional name for the audit log) and log-out. The login form is
// protected from cross-site posts by a double-submit token: a nonce in a SameSite cookie, and its HMAC
// in the form. The token typed in is compared in constant time and never echoed or logged.
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import * as z from "zod/mini";
import type { Deps } from "../deps.ts";
import { cookieOptions, forbidden, LOGIN_COOKIE, SESSION_COOKIE } from "./auth.ts";
import { Layout, Notice } from "./layout.tsx";
import {
  issueSession,
  randomNonce,
  readSession,
  SESSION_SECONDS,
  type SessionKeys,
  sameText,
} from "./session.ts";
import { type AdminContext, type AdminEnv, BASE, type View, viewOf } from "./view.ts";

const loginForm = z.object({
  token: z.string().check(z.minLength(1), z.maxLength(1024)),
  name: z._default(z.string().check(z.trim(), z.maxLength(40)), ""),
  _csrf: z.string(),
});

const LoginPage = ({ view, csrf, failed }: { view: View; csrf: string; failed: boolean }) => (
  <Layout view={view} title={view.t("login.title")} bare>
    <div class="panel">
      <Notice text={failed ? view.t("login.failed") : null} error />
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

  app.get("/login", async (c) => {
    const session = getCookie(c, SESSION_COOKIE);
    if (session && (await readSession(await keys(), session, deps.now()))) return c.redirect(BASE, 303);
    return c.html(<LoginPage view={viewOf(c, deps)} csrf={await newLoginToken(c)} failed={false} />);
  });

  app.post("/login", async (c) => {
    const k = await keys();
    const nonce = getCookie(c, LOGIN_COOKIE) ?? "";
    const parsed = z.safeParse(loginForm, await c.req.parseBody());
    const expected = nonce ? await k.sign("login", nonce) : "";
    if (!parsed.success || !expected || !sameText(parsed.data._csrf, expected)) {
      return forbidden(viewOf(c, deps).t("errors.csrf"));
    }
    if (!(await k.isToken(parsed.data.token))) {
      deps.log.info("admin.login", { ok: false });
      const page = <LoginPage view={viewOf(c, deps)} csrf={await newLoginToken(c)} failed />;
      return c.html(page, 401);
    }
    deps.log.info("admin.login", { ok: true });
    deleteCookie(c, LOGIN_COOKIE, cookieOptions(deps.config));
    const session = await issueSession(k, parsed.data.name, deps.now());
    setCookie(c, SESSION_COOKIE, session, cookieOptions(deps.config, SESSION_SECONDS));
    return c.redirect(BASE, 303);
  });

  return app;
}

/** Log-out clears the cookie (the route sits behind the session and CSRF checks). */
export function logoutRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.post("/logout", (c) => {
    deleteCookie(c, SESSION_COOKIE, cookieOptions(deps.config));
    return c.redirect(`${BASE}/login`, 303);
  });
  return app;
}
