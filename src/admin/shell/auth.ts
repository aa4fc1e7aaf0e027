// Who may use the dashboard: a signed session cookie whose session is live in the database (from the
// login form or a one-time link) or `Authorization: Bearer <ADMIN_TOKEN>` (scripts and the JSON API).
// Wrong bearer tokens count towards the same per-IP throttle as failed logins. Every form post from a
// cookie session must carry the session's CSRF token; a bearer request cannot be forged by another
// site, so it needs none.

import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { CookieOptions } from "hono/utils/cookie";
import type { Config } from "../../config.ts";
import type { Deps } from "../../deps.ts";
import { csrfFor, type SessionKeys, sameText, verifiedSessionId } from "./session.ts";
import { type AdminSession, findSession } from "./session-store.ts";
import { clientIp, failureBuckets, minutesToWait, recordFailure, retryAfter } from "./throttle.ts";
import { type AdminContext, type AdminEnv, BASE, viewOf } from "./view.ts";

export const SESSION_COOKIE = "tc_admin";
export const LOGIN_COOKIE = "tc_admin_login";
export const LANGUAGE_COOKIE = "tc_admin_lang";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/**
 * Cookies are Secure in production whatever PUBLIC_URL says (a dashboard-only deployment behind TLS
 * may leave it at its localhost default), and elsewhere unless PUBLIC_URL is a plain-http localhost.
 */
export function cookieSecure(config: Config): boolean {
  if (config.production) return true;
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

/** The live session a request's cookie names, or null (no cookie, a forged one, revoked or expired). */
export async function sessionOf(
  c: AdminContext,
  deps: Deps,
  keys: SessionKeys,
): Promise<AdminSession | null> {
  const cookie = getCookie(c, SESSION_COOKIE);
  const id = cookie ? await verifiedSessionId(keys, cookie) : null;
  return id ? findSession(deps.db, id, deps.now()) : null;
}

/**
 * What the audit log records as the actor: "coordinator:Kim#1a2b3c4d" (the name typed at login, then
 * the session's short ref), "coordinator#1a2b3c4d" without a name. auditStatement keeps the two apart.
 */
export function actorOf(session: AdminSession): string {
  return `${session.name ? `coordinator:${session.name}` : "coordinator"}#${session.ref}`;
}

/**
 * Lets a request through when it carries a live session or the bearer token. Otherwise a page
 * request is sent to the login form and anything else answers 401; a client that has sent too many
 * wrong tokens gets 429 with Retry-After, before its token is looked at.
 */
export function requireCoordinator(
  deps: Deps,
  keys: () => Promise<SessionKeys>,
): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const k = await keys();
    const api = isApiPath(c.req.path);
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization") ?? "")?.[1]?.trim();
    if (bearer !== undefined) {
      const buckets = failureBuckets(clientIp(c));
      const wait = await retryAfter(deps.db, buckets, deps.now());
      if (wait > 0) return tooManyTries(c, deps, wait, api);
      if (!(await k.isToken(bearer))) {
        await recordFailure(deps.db, buckets, deps.now());
        deps.log.info("admin.bearer", { ok: false });
        return unauthorized(api);
      }
      c.set("coordinator", { actor: "api", csrf: "", via: "bearer" });
      return next();
    }
    // The JSON API is for scripts: the bearer token only, so no page can be tricked into calling it.
    const session = api ? null : await sessionOf(c, deps, k);
    if (!session) {
      if (SAFE.test(c.req.method) && !api) return c.redirect(`${BASE}/login`, 303);
      return unauthorized(api);
    }
    c.set("coordinator", {
      actor: actorOf(session),
      csrf: await csrfFor(k, session.id),
      via: "cookie",
      sessionId: session.id,
    });
    return next();
  };
}

/** 429 with Retry-After: as JSON for the API, as a sentence in the coordinator's language otherwise. */
export function tooManyTries(c: AdminContext, deps: Deps, seconds: number, api: boolean): Response {
  const text = viewOf(c, deps).t("access.tooManyTries", { count: minutesToWait(seconds) });
  return new Response(api ? JSON.stringify({ error: "too_many_attempts", retryAfter: seconds }) : text, {
    status: 429,
    headers: {
      "content-type": api ? "application/json" : "text/plain; charset=utf-8",
      "retry-after": String(seconds),
    },
  });
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
