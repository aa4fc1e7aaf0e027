// A coordinator's browser for dashboard tests: a cookie jar over the harness app, the CSRF token
// read from the page a form came from, and a logged-in session in one call.
import { createHarness, type Harness } from "../support/harness.ts";

export const ADMIN_TOKEN = "coordinator-secret-token-0123456789";

export async function adminHarness(
  options: { now?: string; env?: Record<string, string>; scheme?: unknown } = {},
): Promise<Harness> {
  return createHarness({ ...options, env: { ADMIN_TOKEN, ...options.env } });
}

export interface Page {
  status: number;
  html: string;
  headers: Headers;
  location: string | null;
}

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error("no CSRF field on this page");
  return token;
}

/** Text of a page without tags, entities decoded, whitespace collapsed: what a reader sees. */
export function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

export class Coordinator {
  readonly cookies = new Map<string, string>();
  constructor(readonly h: Harness) {}

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async send(path: string, init: RequestInit = {}): Promise<Page> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await this.h.app.request(path, { ...init, headers, redirect: "manual" });
    this.remember(res);
    return {
      status: res.status,
      html: await res.text(),
      headers: res.headers,
      location: res.headers.get("location"),
    };
  }

  get(path: string): Promise<Page> {
    return this.send(path);
  }

  /** Posts a form; `_csrf` is sent only when given (tests of the CSRF check leave it out). */
  post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Page> {
    return this.send(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** Opens `page`, then posts `form` with that page's CSRF token, as a browser would. */
  async submit(page: string, action: string, form: Record<string, string>): Promise<Page> {
    const before = await this.get(page);
    return this.post(action, { _csrf: csrfOf(before.html), ...form });
  }

  /** `headers` go with the post, e.g. the client's address (`x-forwarded-for`) for the throttle. */
  async login(name = "Kim", token = ADMIN_TOKEN, headers: Record<string, string> = {}): Promise<Page> {
    const form = await this.get("/admin/login");
    return this.post("/admin/login", { _csrf: csrfOf(form.html), token, name }, headers);
  }
}

/** A harness and a coordinator already logged in. */
export async function loggedIn(options: Parameters<typeof adminHarness>[0] = {}) {
  const h = await adminHarness(options);
  const coordinator = new Coordinator(h);
  const res = await coordinator.login();
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  return { h, coordinator };
}
