// Who may use the dashboard: a signed session cookie (from the login form) or `Authorization: Bearer
// <ADMIN_TOKEN>` (scripts and the JSON API). Every form post from a cookie session must carry the
// session's CSRF token; a bearer request cannot be forged by another site, so it needs none.

import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { CookieOptions } from "hono/utils/cookie";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { csrfFor, readSession, type SessionKeys, sameText } from "./session.ts";
import { type AdminEnv, BASE, viewOf } from "./view.ts";

export const SESSION_COOKIE = "tc_admin";
export const LOGIN_COOKIE = "tc_admin_login";
export const LANGUAGE_COOKIE = "tc_admin_lang";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Cookies are Secure everywhere except a plain-http localhost (development). */
export function cookieSecure(config: Config): boolean {
  const url = new URL(config.publicUrl);
  return url.protocol === "https:" || !LOCAL_HOSTS.has(url.hostname);
}

export function cookieOptions(config: Config, maxAge?: number): CookieOptions {
  return {
    path: BASE,
    httpOnly: true,
    sameSite: "Strict",
    secure: cookieSecure(config),
    ...(maxAge === undefined ? {} : { maxAge }),
  };
}

const SAFE = /^(GET|HEAD|OPTIONS)$/;

/** True for the JSON API's paths, which answer scripts rather than browsers. */
export function isApiPath(path: string): boolean {
  return path === `${BASE}/api` || path.startsWith(`${BASE}/api/`);
}

/**
 * Lets a request through when it carries a valid session or the bearer token. Otherwise a page
 * request is sent to the login form and anything else answers 401.
 */
export function requireCoordinator(
  keys: () => Promise<SessionKeys>,
  now: () => Date,
): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const k = await keys();
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization") ?? "")?.[1]?.trim();
    if (bearer !== undefined) {
      if (!(await k.isToken(bearer))) return unauthorized(isApiPath(c.req.path));
      c.set("coordinator", { actor: "api", csrf: "", via: "bearer" });
      return next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = cookie ? await readSession(k, cookie, now()) : null;
    // The JSON API is for scripts: the bearer token only, so no page can be tricked into calling it.
    const api = isApiPath(c.req.path);
    if (!session || api) {
      if (SAFE.test(c.req.method) && !api) return c.redirect(`${BASE}/login`, 303);
      return unauthorized(api);
    }
    const actor = session.name ? `coordinator:${session.name}` : "coordinator";
    c.set("coordinator", { actor, csrf: await csrfFor(k, session), via: "cookie" });
    return next();
  };
}

function unauthorized(api: boolean): Response {
  return new Response(api ? JSON.stringify({ error: "unauthorized" }) : "Unauthorized", {
    status: 401,
    headers: {
      "content-type": api ? "application/json" : "text/plain; charset=utf-8",
      "www-authenticate": 'Bearer realm="timecredits-admin"',
    },
  });
}

/** Refuses (403) a state-changing request from a cookie session without the session's CSRF token. */
export function requireCsrf(deps: Deps): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const coordinator = c.get("coordinator");
    if (SAFE.test(c.req.method) || coordinator.via === "bearer") return next();
    const type = c.req.header("content-type") ?? "";
    const form = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)
      ? await c.req.parseBody()
      : {};
    const given = typeof form._csrf === "string" ? form._csrf : "";
    if (!given || !sameText(given, coordinator.csrf)) return forbidden(viewOf(c, deps).t("errors.csrf"));
    return next();
  };
}

/** 403 for a form without the right CSRF token; nothing has been read or written. */
export function forbidden(text: string): Response {
  return new Response(text, {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}
