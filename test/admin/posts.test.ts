// The posts page and its JSON API: login, bearer and CSRF in front of every route; waiting posts
// listed first; approving and refusing (the poster told in their language through the outbox, once;
// the refusal's reason only in the audit row); a second click answers 409 and sends nothing.
import { afterEach, describe, expect, test } from "vitest";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import type { Harness } from "../support/harness.ts";
import { insertPost } from "../support/posts.ts";
import { ADMIN_TOKEN, adminHarness, loggedIn, textOf } from "./support.ts";

const SHARON = "+447700900101"; // member, English
const ANNA = "+447700900100"; // member, Polish
const JANIS = "+447700900102"; // member, Latvian
const NOW = "2026-11-28T12:00:00.000Z";

let twilio: FakeTwilio | undefined;
afterEach(async () => {
  await twilio?.close();
  twilio = undefined;
});

const json = async (h: Harness, path: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${ADMIN_TOKEN}`);
  if (init.body) headers.set("content-type", "application/json");
  const res = await h.app.request(path, { ...init, headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const memberId = async (h: Harness, phone: string) =>
  Number((await h.rows("SELECT id FROM members WHERE phone = ?", phone))[0]?.id);

/** Anna's offer and Sharon's ask waiting (Anna's older), Jānis's offer up with two replies, one closed. */
async function board(h: Harness) {
  const anna = await insertPost(h, {
    phone: ANNA,
    code: "P201",
    kind: "offer",
    body: "Mogę podwieźć do Tesco w soboty",
    status: "waiting",
    createdAt: "2026-11-26T09:00:00.000Z",
    expiresAt: "2026-12-26T09:00:00.000Z",
  });
  const sharon = await insertPost(h, {
    phone: SHARON,
    code: "P202",
    kind: "ask",
    body: "Help with a council form",
    status: "waiting",
    createdAt: "2026-11-27T09:00:00.000Z",
    expiresAt: "2026-12-27T09:00:00.000Z",
  });
  const janis = await insertPost(h, {
    phone: JANIS,
    code: "P300",
    kind: "offer",
    body: "Varu palīdzēt ar dārza darbiem",
    expiresAt: "2026-12-10T09:00:00.000Z",
  });
  for (const phone of [SHARON, ANNA])
    await h.db.execute({
      sql: `INSERT INTO post_links (post_id, member_id, status, created_at)
            VALUES (?, (SELECT id FROM members WHERE phone = ?), 'asked', ?)`,
      args: [janis, phone, NOW],
    });
  await insertPost(h, {
    phone: SHARON,
    code: "P400",
    status: "closed",
    expiresAt: "2026-12-01T09:00:00.000Z",
  });
  return { anna, sharon, janis };
}

async function withTwilio() {
  twilio = await startFakeTwilio();
  return loggedIn({ now: NOW, env: { TWILIO_API_URL: twilio.url } });
}

describe("login, bearer and CSRF", () => {
  test("the page and its forms need a login; the API needs the bearer token, a cookie is not enough", async () => {
    const h = await adminHarness({ now: NOW });
    const { anna } = await board(h);
    const page = await h.app.request("/admin/posts");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/admin/login");
    const form = await h.app.request(`/admin/posts/${anna}/approve`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect(form.status).toBe(401);
    for (const [method, path] of [
      ["GET", "/admin/api/posts"],
      ["POST", `/admin/api/posts/${anna}/approve`],
      ["POST", `/admin/api/posts/${anna}/refuse`],
    ] as const) {
      expect((await h.app.request(path, { method })).status, `${method} ${path}`).toBe(401);
      const wrong = { authorization: "Bearer wrong-token", "cf-connecting-ip": `192.0.2.${path.length}` };
      expect((await h.app.request(path, { method, headers: wrong })).status, path).toBe(401);
    }
    const { coordinator } = await loggedIn({ now: NOW });
    expect((await coordinator.get("/admin/api/posts")).status).toBe(401);
    expect(await h.rows("SELECT status FROM posts WHERE id = ?", anna)).toEqual([{ status: "waiting" }]);
  });

  test("a form without the CSRF token is refused and changes nothing", async () => {
    const { h, coordinator } = await loggedIn({ now: NOW });
    const { anna } = await board(h);
    const res = await coordinator.post(`/admin/posts/${anna}/approve`, {});
    expect(res.status).toBe(403);
    const wrongToken = await coordinator.post(`/admin/posts/${anna}/refuse`, { _csrf: "forged" });
    expect(wrongToken.status).toBe(403);
    expect(await h.rows("SELECT status FROM posts WHERE id = ?", anna)).toEqual([{ status: "waiting" }]);
    expect(await h.rows("SELECT * FROM outbox")).toEqual([]);
    expect(await h.rows("SELECT * FROM audit_log WHERE action LIKE 'post.%'")).toEqual([]);
  });
});

describe("the posts page", () => {
  test("lists waiting posts first (oldest first) with their buttons, then those up now with replies", async () => {
    const { h, coordinator } = await loggedIn({ now: NOW });
    const { anna, janis } = await board(h);
    const page = await coordinator.get("/admin/posts");
    expect(page.status).toBe(200);
    const { html } = page;
    const at = (code: string) => html.indexOf(`data-post="${code}"`);
    expect(at("P201")).toBeGreaterThan(0);
    expect(at("P201")).toBeLessThan(at("P202"));
    expect(at("P202")).toBeLessThan(at("P300"));
    expect(at("P400")).toBe(-1);
    const text = textOf(html);
    expect(text).toContain("Waiting for approval (2)");
    expect(text).toContain("Up now (1)");
    expect(text).toContain("Offer P201 · Anna Mogę podwieźć do Tesco w soboty");
    expect(text).toContain("Ask P202 · Sharon Help with a council form");
    expect(html).toContain(`href="/admin/members/${await memberId(h, ANNA)}"`);
    expect(html).toContain(`action="/admin/posts/${anna}/approve"`);
    expect(html).toContain(`action="/admin/posts/${anna}/refuse"`);
    // Every form carries the CSRF token; the open post has no buttons.
    expect(html.match(/<form method="post" action="\/admin\/posts\//g)).toHaveLength(4);
    expect(html.match(/name="_csrf"/g)?.length).toBeGreaterThanOrEqual(4);
    expect(html).not.toContain(`/admin/posts/${janis}/approve`);
    const open = html.slice(html.lastIndexOf("<li", at("P300")), html.indexOf("</li>", at("P300")));
    expect(textOf(open)).toBe(
      "Offer P300 · Jānis Varu palīdzēt ar dārza darbiem Ends 10 Dec 2026, 09:00 · Replies: 2",
    );
    expect(html.indexOf('data-list="waiting"')).toBeLessThan(html.indexOf('data-list="open"'));
    // A phone-sized page (test/browser/posts.test.ts measures it at 360 px); the menu links here.
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toContain('<a href="/admin/posts" aria-current="page">Posts</a>');
  });

  test("speaks the coordinator's language, and says when nothing is waiting", async () => {
    const { h, coordinator } = await loggedIn({ now: NOW });
    expect(textOf((await coordinator.get("/admin/posts")).html)).toContain("Nothing is waiting.");
    await board(h);
    const pl = textOf((await coordinator.get("/admin/posts?lang=pl")).html);
    expect(pl).toContain("Czekają na zatwierdzenie (2)");
    expect(pl).toContain("Oferta P201");
    const lv = textOf((await coordinator.get("/admin/posts?lang=lv")).html);
    expect(lv).toContain("Gaida apstiprinājumu (2)");
    expect(lv).toContain("Aktīvi (1)");
  });

  test("refusing keeps the reason in the audit row only; a second click is 409 and sends nothing", async () => {
    const { h, coordinator } = await withTwilio();
    const { sharon } = await board(h);
    const res = await coordinator.submit("/admin/posts", `/admin/posts/${sharon}/refuse`, {
      reason: "Asks for money",
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/admin/posts?notice=refused&code=P202");
    const after = textOf((await coordinator.get(res.location ?? "")).html);
    expect(after).toContain("P202 was refused and its poster has been told.");
    expect(after).toContain("Waiting for approval (1)");
    await h.flush();
    expect(twilio?.calls.map((c) => [c.to, c.body])).toEqual([
      [SHARON, "Your post P202 was not put up. The coordinator may get in touch."],
    ]);
    expect(await h.rows("SELECT status, approved_by, closed_at FROM posts WHERE id = ?", sharon)).toEqual([
      { status: "refused", approved_by: "coordinator:Kim", closed_at: NOW },
    ]);
    const audit = await h.rows(
      "SELECT actor, action, subject, before, after FROM audit_log WHERE action LIKE 'post.%'",
    );
    expect(audit).toEqual([
      {
        actor: "coordinator:Kim",
        action: "post.refuse",
        subject: `post:${sharon}`,
        before: JSON.stringify({ status: "waiting" }),
        after: JSON.stringify({
          status: "refused",
          code: "P202",
          member: await memberId(h, SHARON),
          reason: "Asks for money",
        }),
      },
    ]);
    // Another coordinator's tab still shows the buttons: both clicks answer 409 and say how it stands.
    for (const decision of ["refuse", "approve"]) {
      const again = await coordinator.submit("/admin/posts", `/admin/posts/${sharon}/${decision}`, {});
      expect(again.status).toBe(409);
      expect(textOf(again.html)).toContain("P202 was refused already.");
    }
    await h.flush();
    expect(twilio?.calls).toHaveLength(1);
    expect(await h.rows("SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'post.%'")).toEqual([
      { n: 1 },
    ]);
  });

  test("approving from the page puts it up and says so; an unknown post is 404", async () => {
    const { h, coordinator } = await loggedIn({ now: NOW });
    const { anna } = await board(h);
    const res = await coordinator.submit("/admin/posts", `/admin/posts/${anna}/approve`, {});
    expect(res.location).toBe("/admin/posts?notice=approved&code=P201");
    const after = await coordinator.get(res.location ?? "");
    expect(textOf(after.html)).toContain("P201 is up and its poster has been told.");
    expect(after.html.indexOf('data-post="P201"')).toBeGreaterThan(after.html.indexOf('data-list="open"'));
    const missing = await coordinator.submit("/admin/posts", "/admin/posts/9999/approve", {});
    expect(missing.status).toBe(404);
    expect(textOf(missing.html)).toContain("There is no such post.");
  });
});

describe("/admin/api/posts", () => {
  test("lists posts by status, the poster by id and first name", async () => {
    const { h } = await loggedIn({ now: NOW });
    const { anna, sharon, janis } = await board(h);
    const waiting = await json(h, "/admin/api/posts?status=waiting");
    expect(waiting.status).toBe(200);
    const posts = waiting.body.posts as Array<Record<string, unknown>>;
    expect(posts.map((p) => p.id)).toEqual([anna, sharon]);
    expect(posts[0]).toEqual({
      id: anna,
      code: "P201",
      kind: "offer",
      body: "Mogę podwieźć do Tesco w soboty",
      status: "waiting",
      createdAt: "2026-11-26T09:00:00.000Z",
      approvedAt: null,
      expiresAt: "2026-12-26T09:00:00.000Z",
      replies: 0,
      member: { id: await memberId(h, ANNA), firstName: "Anna" },
    });
    const open = (await json(h, "/admin/api/posts?status=open")).body.posts as Array<Record<string, unknown>>;
    expect(open.map((p) => [p.code, p.replies])).toEqual([["P300", 2]]);
    expect(open[0]?.id).toBe(janis);
    const every = (await json(h, "/admin/api/posts")).body.posts as Array<Record<string, unknown>>;
    expect(every.map((p) => p.code)).toEqual(["P201", "P202", "P300", "P400"]);
    const bad = await json(h, "/admin/api/posts?status=gone");
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ path: "status", message: expect.stringContaining("waiting") }]);
  });

  test("approving sends the poster their news in Polish, once; a second approve is 409", async () => {
    const { h } = await withTwilio();
    const { anna } = await board(h);
    const res = await json(h, `/admin/api/posts/${anna}/approve`, { method: "POST" });
    expect(res).toEqual({
      status: 200,
      body: { id: anna, code: "P201", status: "open", expiresAt: "2026-12-28T12:00:00.000Z" },
    });
    expect(
      await h.rows(
        "SELECT status, approved_at, approved_by, expires_at, closed_at FROM posts WHERE id = ?",
        anna,
      ),
    ).toEqual([
      {
        status: "open",
        approved_at: NOW,
        approved_by: "api",
        expires_at: "2026-12-28T12:00:00.000Z",
        closed_at: null,
      },
    ]);
    await h.flush();
    expect(twilio?.calls.map((c) => [c.to, c.body])).toEqual([
      [ANNA, "Twoje ogłoszenie P201 jest widoczne przez 30 dni."],
    ]);
    const again = await json(h, `/admin/api/posts/${anna}/approve`, { method: "POST" });
    expect(again).toEqual({ status: 409, body: { error: "already", code: "P201", status: "open" } });
    const refuse = await json(h, `/admin/api/posts/${anna}/refuse`, { method: "POST" });
    expect(refuse.status).toBe(409);
    await h.flush();
    expect(twilio?.calls).toHaveLength(1);
    expect(await h.rows("SELECT COUNT(*) AS n FROM outbox")).toEqual([{ n: 1 }]);
    expect(
      await h.rows("SELECT actor, action, subject, after FROM audit_log WHERE action LIKE 'post.%'"),
    ).toEqual([
      {
        actor: "api",
        action: "post.approve",
        subject: `post:${anna}`,
        after: JSON.stringify({
          status: "open",
          code: "P201",
          member: await memberId(h, ANNA),
          expiresAt: "2026-12-28T12:00:00.000Z",
        }),
      },
    ]);
  });

  test("the scheme's postDays sets how long an approved post is up; the news is in Latvian", async () => {
    const { h } = await withTwilio();
    await h.db.execute(`UPDATE scheme SET settings = json_set(settings, '$.postDays', 14)`);
    const id = await insertPost(h, {
      phone: JANIS,
      code: "P310",
      status: "waiting",
      expiresAt: "2026-12-28T12:00:00.000Z",
    });
    const res = await json(h, `/admin/api/posts/${id}/approve`, { method: "POST" });
    expect(res.body.expiresAt).toBe("2026-12-12T12:00:00.000Z");
    await h.flush();
    expect(twilio?.calls.map((c) => [c.to, c.body])).toEqual([
      [JANIS, "Tavs sludinājums P310 ir redzams 14 dienas."],
    ]);
  });

  test("refusing takes an optional reason; a post its poster closed, an unknown id and a bad body are refused", async () => {
    const { h } = await loggedIn({ now: NOW });
    const { anna, sharon } = await board(h);
    const refused = await json(h, `/admin/api/posts/${sharon}/refuse`, {
      method: "POST",
      body: JSON.stringify({ reason: "  Not suitable  " }),
    });
    expect(refused).toEqual({ status: 200, body: { id: sharon, code: "P202", status: "refused" } });
    const [audit] = await h.rows("SELECT after FROM audit_log WHERE action = 'post.refuse'");
    expect(JSON.parse(String(audit?.after)).reason).toBe("Not suitable");
    // The poster closed it before anyone looked: nothing to approve, nobody told.
    await h.db.execute({ sql: "UPDATE posts SET status = 'closed' WHERE id = ?", args: [anna] });
    const closed = await json(h, `/admin/api/posts/${anna}/approve`, { method: "POST" });
    expect(closed).toEqual({ status: 409, body: { error: "already", code: "P201", status: "closed" } });
    expect((await json(h, "/admin/api/posts/9999/approve", { method: "POST" })).status).toBe(404);
    expect((await json(h, "/admin/api/posts/abc/approve", { method: "POST" })).status).toBe(404);
    const bad = await json(h, `/admin/api/posts/${anna}/refuse`, { method: "POST", body: "{not json" });
    expect(bad.status).toBe(400);
    const long = await json(h, `/admin/api/posts/${anna}/refuse`, {
      method: "POST",
      body: JSON.stringify({ reason: "x".repeat(201) }),
    });
    expect(long.status).toBe(400);
    expect(await h.rows("SELECT COUNT(*) AS n FROM outbox WHERE address = ?", ANNA)).toEqual([{ n: 0 }]);
  });
});
