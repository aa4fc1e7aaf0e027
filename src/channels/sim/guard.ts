// The simulator lets whoever reaches it act as anyone, so it answers only the page it serves:
// requests for a local host name (a DNS-rebinding page names its own), and writes only as JSON
// from the same origin (a cross-site form can post text/plain, never application/json without
// a preflight we do not answer).
import type { MiddlewareHandler } from "hono";

/** Host names the simulator answers to: loopback, plus the configured listening and public hosts. */
export function simHosts(host: string, publicUrl: string): Set<string> {
  const hosts = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);
  if (host !== "0.0.0.0" && host !== "::") hosts.add(host.toLowerCase());
  hosts.add(new URL(publicUrl).hostname.toLowerCase());
  return hosts;
}

export function simGuard(hosts: Set<string>): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const host = (c.req.header("host") ?? url.host).replace(/:\d+$/, "").toLowerCase();
    if (!hosts.has(host)) return c.json({ error: "the simulator answers only on its own host" }, 403);
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
      if (type !== "application/json") return c.json({ error: "the body must be application/json" }, 415);
      const origin = c.req.header("origin");
      const site = c.req.header("sec-fetch-site");
      const crossSite =
        (origin !== undefined && hostOf(origin) !== (c.req.header("host") ?? url.host).toLowerCase()) ||
        (site !== undefined && site !== "same-origin" && site !== "none");
      if (crossSite) return c.json({ error: "the simulator accepts requests only from its own page" }, 403);
    }
    await next();
  };
}

/** `host[:port]` of an Origin header; "null" and garbage match nothing. */
function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}
