// Dashboard sessions live in the database (security review F9, F10): a cookie saved before log-out
// opens nothing after it, "log out everyone" ends every session, the cookie key is derived from
// ADMIN_TOKEN with HKDF (or is SESSION_SECRET), the audit log names the login and its session, a
// one-time link opens the dashboard once, and production cookies are Secure whatever PUBLIC_URL says.
import { createHash, createHmac, hkdfSync } from "node:crypto";
import { describe, expect, test } from "vitest";
import { issueLoginLink } from "../../src/admin/shell/login-link.ts";
import { ADMIN_TOKEN, adminHarness, Coordinator, csrfOf, loggedIn, textOf } from "./support.ts";

const SHARON = "+447700900101";

/** The cookie's MAC as the server should make it: HMAC-SHA-256 under HKDF(secret, info). */
function hkdfMac(secret: string, id: string): string {
  const key = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(32), "timecredits admin cookies v1", 32));
  return createHmac("sha256", key).update(`session\n${id}`).digest("base64url");
}

const sessionCookie = (c: Coordinator) => c.cookies.get("tc_admin") as string;

describe("sessions are revoked", () => {
  test("a cookie saved before log-out opens no page and posts no form after it", async () => {
    const { h, coordinator } = await loggedIn();
    const saved = sessionCookie(coordinator);
    const page = await coordinator.get("/admin/members");
    expect(page.status).toBe(200);
    const csrf = csrfOf(page.html);
    expect((await coordinator.post("/admin/logout", { _csrf: csrf })).status).toBe(303);
    expect(await h.rows("SELECT revoked_at FROM admin_sessions")).toEqual([
      { revoked_at: "2026-11-28T12:00:00.000Z" },
    ]);

    const replay = (path: string, init: RequestInit = {}) =>
      h.app.request(path, {
        ...init,
        headers: { ...init.headers, cookie: `tc_admin=${saved}` },
        redirect: "manual",
      });
    const again = await replay("/admin/members");
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/admin/login");
    const id = (await h.rows("SELECT id FROM members WHERE phone = ?", SHARON))[0]?.id;
    const post = await replay(`/admin/members/${id}/corrections`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, hours: "5", reason: "after log-out" }).toString(),
    });
    expect(post.status).toBe(401);
    expect(await h.rows("SELECT * FROM audit_log")).toEqual([]);
  });

  test("'log out everyone' ends every session, on every device, with an audit row", async () => {
    const { h, coordinator: kim } = await loggedIn();
    const sam = new Coordinator(h);
    await sam.login("Sam");
    expect((await sam.get("/admin")).status).toBe(200);
    const page = await kim.get("/admin");
    expect(textOf(page.html)).toContain("Log out everyone");

    // A cross-site post without the CSRF token does nothing.
    expect((await kim.post("/admin/logout/all", {})).status).toBe(403);
    expect((await sam.get("/admin")).status).toBe(200);

    const out = await kim.post("/admin/logout/all", { _csrf: csrfOf(page.html) });
    expect(out.status).toBe(303);
    expect(out.location).toBe("/admin/login");
    expect((await sam.get("/admin")).status).toBe(303);
    expect((await kim.get("/admin")).status).toBe(303);
    const [row] = await h.rows("SELECT actor, action, subject, after FROM audit_log");
    expect(row).toMatchObject({
      actor: "coordinator:Kim",
      action: "sessions.revokeAll",
      subject: "sessions",
    });
    expect(JSON.parse(String(row?.after))).toEqual({ revoked: 2 });
    // A new login works as before.
    expect((await sam.login("Sam")).status).toBe(303);
    expect((await sam.get("/admin")).status).toBe(200);
  });

  test("a session expires after 12 hours, in the database too", async () => {
    const { h, coordinator } = await loggedIn();
    h.setNow("2026-11-28T23:59:00Z");
    expect((await coordinator.get("/admin")).status).toBe(200);
    h.setNow("2026-11-29T00:00:01Z");
    expect((await coordinator.get("/admin")).status).toBe(303);
  });
});

describe("the cookie key", () => {
  test("is HKDF of ADMIN_TOKEN: a cookie signed with the raw token, or the old derivation, is refused", async () => {
    const { h, coordinator } = await loggedIn();
    const [id, mac] = sessionCookie(coordinator).split(".") as [string, string];
    expect(mac).toBe(hkdfMac(ADMIN_TOKEN, id));
    const raw = createHmac("sha256", ADMIN_TOKEN).update(`session\n${id}`).digest("base64url");
    // The key before HKDF: SHA-256 of a prefix and the token.
    const oldKey = createHash("sha256").update(`timecredits-admin:${ADMIN_TOKEN}`).digest();
    const old = createHmac("sha256", oldKey).update(`session\n${id}`).digest("base64url");
    for (const forged of [raw, old]) {
      const res = await h.app.request("/admin", { headers: { cookie: `tc_admin=${id}.${forged}` } });
      expect(res.status, forged).toBe(303);
    }
    const good = await h.app.request("/admin", {
      headers: { cookie: `tc_admin=${id}.${hkdfMac(ADMIN_TOKEN, id)}` },
    });
    expect(good.status).toBe(200);
  });

  test("is SESSION_SECRET when set, so ADMIN_TOKEN is only the password", async () => {
    const secret = "a-separate-session-secret-0123456789abcdef";
    const { coordinator } = await loggedIn({ env: { SESSION_SECRET: secret } });
    const [id, mac] = sessionCookie(coordinator).split(".") as [string, string];
    expect(mac).toBe(hkdfMac(secret, id));
    expect(mac).not.toBe(hkdfMac(ADMIN_TOKEN, id));
  });

  test("a cookie of another deployment's secret opens nothing here", async () => {
    const { h, coordinator } = await loggedIn();
    const [id] = sessionCookie(coordinator).split(".") as [string];
    const res = await h.app.request("/admin", {
      headers: { cookie: `tc_admin=${id}.${hkdfMac("another-admin-token-0123456789", id)}` },
    });
    expect(res.status).toBe(303);
  });
});

describe("the audit log names the login", () => {
  test("each change keeps the name typed at login and the session's short ref; the page shows both", async () => {
    const { h, coordinator: kim } = await loggedIn();
    const other = new Coordinator(h);
    await other.login("Kim"); // the same name, another session
    const id = Number((await h.rows("SELECT id FROM members WHERE phone = ?", SHARON))[0]?.id);
    for (const c of [kim, other]) {
      const res = await c.submit(`/admin/members/${id}`, `/admin/members/${id}/corrections`, {
        hours: "1",
        reason: "gift from the fair",
      });
      expect(res.status).toBe(303);
    }
    const sessions = await h.rows("SELECT ref, name FROM admin_sessions ORDER BY created_at, ref");
    const audit = await h.rows("SELECT actor, session FROM audit_log ORDER BY id");
    expect(audit).toHaveLength(2);
    for (const row of audit) {
      expect(row.actor).toBe("coordinator:Kim");
      expect(String(row.session)).toMatch(/^[0-9a-f]{8}$/);
      expect(sessions.map((s) => s.ref)).toContain(row.session);
    }
    expect(audit[0]?.session).not.toBe(audit[1]?.session);
    const text = textOf((await kim.get("/admin/audit")).html);
    for (const row of audit) expect(text).toContain(`coordinator:Kim · session ${row.session}`);
    // The API's entries carry it too; a bearer change has none.
    const api = await h.app.request("/admin/api/audit", {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const entries = ((await api.json()) as { entries: Array<{ session?: string }> }).entries;
    expect(entries.map((e) => e.session).sort()).toEqual(audit.map((r) => r.session).sort());
  });
});

describe("a one-time dashboard link", () => {
  test("opens a session once; a second use, an unknown code or an expired link get the login page", async () => {
    const h = await adminHarness();
    const path = await issueLoginLink(h.deps, { name: "demo" });
    expect(path).toMatch(/^\/admin\/login\/link\/[\w-]{40,}$/);
    const code = path.split("/").at(-1) as string;
    // Only a digest of the code is stored.
    expect(JSON.stringify(await h.rows("SELECT * FROM admin_login_links"))).not.toContain(code);

    const browser = new Coordinator(h);
    const first = await browser.get(path);
    expect(first.status).toBe(303);
    expect(first.location).toBe("/admin");
    expect((await browser.get("/admin")).status).toBe(200);
    expect(await h.rows("SELECT name FROM admin_sessions")).toEqual([{ name: "demo" }]);

    const stranger = new Coordinator(h);
    for (const again of [path, "/admin/login/link/not-a-real-code-0123456789abcdef"]) {
      const page = await stranger.get(again);
      expect(page.status, again).toBe(410);
      expect(textOf(page.html)).toContain("This link has been used or has expired.");
      expect(page.headers.getSetCookie().join()).not.toMatch(/tc_admin=/);
    }
    expect((await stranger.get("/admin")).status).toBe(303);

    const late = await issueLoginLink(h.deps, { ttlMinutes: 5 });
    h.setNow("2026-11-28T12:06:00Z");
    const expired = await stranger.get(`${late}?lang=pl`);
    expect(expired.status).toBe(410);
    expect(textOf(expired.html)).toContain("Ten link został już użyty albo wygasł.");
  });
});

describe("the Secure flag", () => {
  test("is set whenever NODE_ENV is production, even with a plain-http localhost PUBLIC_URL", async () => {
    const prod = new Coordinator(
      await adminHarness({ env: { NODE_ENV: "Production", PUBLIC_URL: "http://localhost:8787" } }),
    );
    const res = await prod.login();
    expect(res.status).toBe(303);
    const cookies = res.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith("tc_admin="))).toMatch(/; Secure/);
    const form = await new Coordinator(prod.h).get("/admin/login");
    expect(form.headers.getSetCookie().find((c) => c.startsWith("tc_admin_login="))).toMatch(/; Secure/);
  });
});
