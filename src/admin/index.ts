// The coordinator dashboard, mounted at /admin: security headers and the coordinator's language for
// every answer, the login form open to all, then the session (or bearer) check and the CSRF check in
// front of every page, form and API route. Off (503) when ADMIN_TOKEN is not set.
import { Hono } from "hono";
import { languageDetector } from "hono/language";
import { secureHeaders } from "hono/secure-headers";
import { trimTrailingSlash } from "hono/trailing-slash";
import { LOCALES } from "../core/types.ts";
import type { Deps } from "../deps.ts";
import { apiRoutes } from "./api.ts";
import { auditRoutes } from "./audit/page.tsx";
import { broadcastRoutes } from "./broadcast/page.tsx";
import { eventsRoutes } from "./events/page.tsx";
import { membersRoutes } from "./members/page.tsx";
import { outboxRoutes } from "./outbox/page.tsx";
import { overviewRoutes } from "./overview/page.tsx";
import { partnerFormRoutes } from "./partners/form-page.tsx";
import { partnersRoutes } from "./partners/page.tsx";
import { pollsRoutes } from "./polls/page.tsx";
import { postsRoutes } from "./posts/page.tsx";
import { reportsRoutes } from "./reports/page.tsx";
import { cookieOptions, LANGUAGE_COOKIE, requireCoordinator, requireCsrf } from "./shell/auth.ts";
import { loginRoutes, logoutRoutes } from "./shell/login.tsx";
import { deriveKeys, type SessionKeys } from "./shell/session.ts";
import type { AdminEnv } from "./shell/view.ts";

export function adminRoutes(deps: Deps): Hono<AdminEnv> {
  const admin = new Hono<AdminEnv>();
  const token = deps.config.adminToken;
  if (!token) {
    admin.all("*", (c) => c.text("Dashboard is off: ADMIN_TOKEN is not set", 503));
    return admin;
  }
  // The key is derived once, on first use (WebCrypto is async).
  let keys: Promise<SessionKeys> | undefined;
  const sessionKeys = () => {
    keys ??= deriveKeys(token, deps.config.sessionSecret);
    return keys;
  };

  admin.use(
    "*",
    trimTrailingSlash(),
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: "same-origin",
    }),
    languageDetector({
      supportedLanguages: [...LOCALES],
      fallbackLanguage: "en",
      order: ["querystring", "cookie", "header"],
      lookupQueryString: "lang",
      lookupCookie: LANGUAGE_COOKIE,
      cookieOptions: { ...cookieOptions(deps.config, 365 * 24 * 3600), sameSite: "Strict" },
    }),
    async (c, next) => {
      await next();
      c.header("Cache-Control", "no-store");
    },
  );
  admin.route("/", loginRoutes(deps, sessionKeys));
  admin.use("*", requireCoordinator(deps, sessionKeys), requireCsrf(deps));
  admin.route("/", logoutRoutes(deps));
  admin.route("/", overviewRoutes(deps));
  admin.route("/members", membersRoutes(deps));
  admin.route("/partners", partnersRoutes(deps));
  admin.route("/partners", partnerFormRoutes(deps));
  admin.route("/events", eventsRoutes(deps));
  admin.route("/posts", postsRoutes(deps));
  admin.route("/polls", pollsRoutes(deps));
  admin.route("/broadcast", broadcastRoutes(deps));
  admin.route("/reports", reportsRoutes(deps));
  admin.route("/outbox", outboxRoutes(deps));
  admin.route("/audit", auditRoutes(deps));
  admin.route("/api", apiRoutes(deps));
  return admin;
}
