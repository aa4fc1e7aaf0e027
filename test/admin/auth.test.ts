// The dashboard's door: off without ADMIN_TOKEN, a login that never echoes or logs the token, a
// session cookie with the right attributes, every page and form behind it, and CSRF on every form.
import { describe, expect, test } from "vitest";
import { createHarness } from "../support/harness.ts";
import { ADMIN_TOKEN, adminHarness, Coordinator, csrfOf, loggedIn, textOf } from "./support.ts";

const PAGES = [
  "/admin",
  "/admin/members",
  "/admin/members?q=anna",
  "/admin/members/1",
  "/admin/partners",
  "/admin/partners/new",
  "/admin/partners/staithe/edit",
  "/admin/audit",
];
const FORMS = [
  "/admin/members/1/corrections",
  "/admin/members/1/messages/1/resend",
  "/admin/partners/new",
  "/admin/partners/staithe/edit",
  "/admin/partners/requests/1/confirm",
  "/admin/partners/requests/1/reject",
  "/admin/logout",
];

/** Everything a response shows the outside world: status line, headers and body. */
async function exposed(res: Response): Promise<string> {
  return `${res.status} ${JSON.stringify([...res.headers])} ${await res.text()}`;
}

describe("the dashboard is off without ADMIN_TOKEN", () => {
  test.each(["/admin", "/admin/login", "/admin/members", "/admin/api/overview"])(
    "%s answers 503",
    async (path) => {
      const h = await createHarness();
      const res = await h.app.request(path);
      expect(res.status).toBe(503);
      expect(await res.text()).toBe("Dashboard is off: ADMIN_TOKEN is not set");
    },
  );
});

describe("login", () => {
  test("every page and form needs a login; pages send the browser to the login form", async () => {
    const h = await adminHarness();
    for (const path of PAGES) {
      const res = await h.app.request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get("location"), path).toBe("/admin/login");
    }
    for (const path of FORMS) {
      const res = await h.app.request(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "hours=5&reason=test",
      });
      expect(res.status, path).toBe(401);
    }
    const api = await h.app.request("/admin/api/overview");
    expect(api.status).toBe(401);
    expect(await h.rows("SELECT * FROM audit_log")).toEqual([]);
  });

  test("a wrong token fails; the token typed is never echoed, nor logged, nor in the cookie", async () => {
    const h = await adminHarness();
    const kim = new Coordinator(h);
    const wrong = `${ADMIN_TOKEN}x`;
    const form = await kim.get("/admin/login");
    expect(form.status).toBe(200);
    const res = await h.app.request("/admin/login", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: [...kim.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      },
      body: new URLSearchParams({ _csrf: csrfOf(form.html), token: wrong, name: "Kim" }).toString(),
    });
    expect(res.status).toBe(401);
    const shown = await exposed(res);
    expect(textOf(shown)).toContain("That token is not right");
    expect(shown).not.toContain(wrong);
    expect(shown).not.toContain(ADMIN_TOKEN);
    expect(res.headers.getSetCookie().join()).not.toMatch(/tc_admin=/);

    const ok = await kim.login("Kim");
    expect(ok.status).toBe(303);
    expect(ok.location).toBe("/admin");
    const overview = await kim.get("/admin");
    expect(overview.status).toBe(200);
    for (const page of [ok, overview]) {
      expect(`${JSON.stringify([...page.headers])} ${page.html}`).not.toContain(ADMIN_TOKEN);
    }
    expect([...kim.cookies.values()].join()).not.toContain(ADMIN_TOKEN);
    expect(h.logs.join("\n")).not.toContain(ADMIN_TOKEN);
    expect(h.logs.join("\n")).not.toContain(wrong);
    expect(h.logs).toContain('{"event":"admin.login","ok":false}');
  });

  test("the session cookie is HttpOnly, SameSite=Strict, and Secure when PUBLIC_URL is https", async () => {
    const secure = new Coordinator(await adminHarness());
    const res = await secure.login();
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("tc_admin="));
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\/admin/);
    expect(cookie).toMatch(/; Max-Age=43200/);

    const local = new Coordinator(await adminHarness({ env: { PUBLIC_URL: "http://localhost:8787" } }));
    const plain = (await local.login()).headers.getSetCookie().find((c) => c.startsWith("tc_admin="));
    expect(plain).toMatch(/; HttpOnly/);
    expect(plain).toMatch(/; SameSite=Strict/);
    expect(plain).not.toMatch(/Secure/);
  });

  test("a forged, tampered or expired cookie is no login", async () => {
    const { h, coordinator } = await loggedIn();
    const real = coordinator.cookies.get("tc_admin") as string;
    const [payload, mac] = real.split(".");
    const forged = Buffer.from(JSON.stringify({ name: "Eve", nonce: "x", expires: 4102444800 })).toString(
      "base64url",
    );
    for (const value of [`${forged}.${mac}`, `${payload}.${mac}x`, `${payload}`, "garbage"]) {
      const res = await h.app.request("/admin", { headers: { cookie: `tc_admin=${value}` } });
      expect(res.status, value).toBe(303);
    }
    h.setNow("2026-11-29T00:30:00Z"); // 12.5 hours after logging in
    expect((await coordinator.get("/admin")).status).toBe(303);
  });

  test("log-out clears the cookie", async () => {
    const { coordinator } = await loggedIn();
    const page = await coordinator.get("/admin");
    const out = await coordinator.post("/admin/logout", { _csrf: csrfOf(page.html) });
    expect(out.status).toBe(303);
    expect(out.location).toBe("/admin/login");
    expect(out.headers.getSetCookie().find((c) => c.startsWith("tc_admin="))).toMatch(/Max-Age=0/);
    expect((await coordinator.get("/admin")).status).toBe(303);
  });

  test("the login form itself refuses a post without its CSRF token", async () => {
    const h = await adminHarness();
    const res = await h.app.request("/admin/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: ADMIN_TOKEN }).toString(),
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().join()).not.toMatch(/tc_admin=/);
  });

  test("a bearer token opens pages and the API; a wrong one does not", async () => {
    const h = await adminHarness();
    const page = await h.app.request("/admin/partners", {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(page.status).toBe(200);
    const api = await h.app.request("/admin/api/overview", {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ members: 3 });
    const wrong = await h.app.request("/admin/api/overview", { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    const bad = await h.app.request("/admin/api/audit?limit=9999", {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ issues: [{ path: "limit" }] });
  });

  test("the API takes the bearer token only, never the session cookie", async () => {
    const { coordinator } = await loggedIn();
    expect((await coordinator.get("/admin/api/overview")).status).toBe(401);
  });

  test("pages are not cached, may not be framed, and load nothing from elsewhere", async () => {
    const { coordinator } = await loggedIn();
    const page = await coordinator.get("/admin");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(page.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });

  test("?lang= picks the dashboard's language and it stays picked", async () => {
    const { coordinator } = await loggedIn();
    const pl = await coordinator.get("/admin?lang=pl");
    expect(pl.html).toContain('<html lang="pl">');
    expect(textOf(pl.html)).toContain("Podsumowanie");
    const next = await coordinator.get("/admin/members");
    expect(textOf(next.html)).toContain("Znajdź uczestnika");
    const lv = await coordinator.get("/admin/partners?lang=lv");
    expect(textOf(lv.html)).toContain("Pievienot partneri");
  });
});

describe("CSRF", () => {
  test("a form post without the session's CSRF token is refused with 403 and writes nothing", async () => {
    const { h, coordinator } = await loggedIn();
    const anna = (await h.rows("SELECT id FROM members WHERE phone = '+447700900100'"))[0]?.id;
    const ledger = await h.rows("SELECT * FROM ledger_entries");
    for (const csrf of [undefined, "", "forged-token"]) {
      const form: Record<string, string> = { hours: "5", reason: "present" };
      if (csrf !== undefined) form._csrf = csrf;
      const res = await coordinator.post(`/admin/members/${anna}/corrections`, form);
      expect(res.status).toBe(403);
      expect(res.html).toContain("Forbidden");
    }
    const logout = await coordinator.post("/admin/logout", {});
    expect(logout.status).toBe(403);
    const create = await coordinator.post("/admin/partners/new", { name: "Sneaky", earn: "on" });
    expect(create.status).toBe(403);
    expect(await h.rows("SELECT * FROM ledger_entries")).toEqual(ledger);
    expect(await h.rows("SELECT * FROM partners WHERE name = 'Sneaky'")).toEqual([]);
    expect(await h.rows("SELECT * FROM audit_log")).toEqual([]);
  });

  test("another session's token does not pass", async () => {
    const { h, coordinator } = await loggedIn();
    const other = new Coordinator(h);
    await other.login("Sam");
    const theirs = csrfOf((await other.get("/admin")).html);
    const mine = csrfOf((await coordinator.get("/admin")).html);
    expect(theirs).not.toBe(mine);
    const res = await coordinator.post("/admin/partners/new", { _csrf: theirs, name: "Sneaky", earn: "on" });
    expect(res.status).toBe(403);
    expect(await h.rows("SELECT * FROM partners WHERE name = 'Sneaky'")).toEqual([]);
  });
});
