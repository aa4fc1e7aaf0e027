// Guessing ADMIN_TOKEN is slowed down (security review F9): after 5 wrong logins or bearer tokens in
// 15 minutes from one IP, or 5 wrong logins under one name, the next try answers 429 with Retry-After
// and a translated message, even with the right token. Other IPs and names are not held up, and the
// count is in the database, so it holds on the Worker too.
import { describe, expect, test } from "vitest";
import { ADMIN_TOKEN, adminHarness, Coordinator, textOf } from "./support.ts";

const EVE = { "cf-connecting-ip": "203.0.113.66" };
const KIM = { "cf-connecting-ip": "198.51.100.7" };

describe("failed logins", () => {
  test("the 6th try from one IP answers 429 even with the right token; another IP logs in", async () => {
    const h = await adminHarness();
    const eve = new Coordinator(h);
    for (let i = 1; i <= 5; i++) {
      const res = await eve.login(`guess ${i}`, `wrong-token-${i}-0123456789`, EVE);
      expect(res.status, `try ${i}`).toBe(401);
    }
    const sixth = await eve.login("guess 6", ADMIN_TOKEN, EVE);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("retry-after"))).toBe(15 * 60);
    expect(textOf(sixth.html)).toContain("Too many wrong tries. Wait 15 minutes and try again.");
    expect(sixth.headers.getSetCookie().join()).not.toMatch(/tc_admin=/);

    const kim = new Coordinator(h);
    expect((await kim.login("Kim", ADMIN_TOKEN, KIM)).status).toBe(303);
    expect((await kim.get("/admin")).status).toBe(200);

    // The count is per window: a quarter of an hour later Eve may try again.
    h.setNow("2026-11-28T12:10:00Z");
    const later = await eve.login("guess 7", ADMIN_TOKEN, EVE);
    expect(later.status).toBe(429);
    expect(Number(later.headers.get("retry-after"))).toBe(5 * 60);
    h.setNow("2026-11-28T12:15:01Z");
    expect((await eve.login("guess 8", ADMIN_TOKEN, EVE)).status).toBe(303);
  });

  test("a forged x-forwarded-for is not a new address: the count follows what the client cannot set", async () => {
    const h = await adminHarness();
    const eve = new Coordinator(h);
    const forged = (i: number) => ({ "cf-connecting-ip": "203.0.113.9", "x-forwarded-for": `192.0.2.${i}` });
    for (let i = 0; i < 5; i++) await eve.login("", "wrong-token-0123456789", forged(i));
    expect((await eve.login("", ADMIN_TOKEN, forged(99))).status).toBe(429);
    // Another Cloudflare client is not held up.
    expect(
      (await new Coordinator(h).login("", ADMIN_TOKEN, { "cf-connecting-ip": "203.0.113.10" })).status,
    ).toBe(303);
  });

  test("on Node the socket's peer is the address; behind a local proxy, the entry the proxy appended", async () => {
    const h = await adminHarness();
    const node =
      (peer: string, headers: Record<string, string> = {}) =>
      (token: string) =>
        h.app.request(
          "/admin/api/overview",
          { headers: { authorization: `Bearer ${token}`, ...headers } },
          { incoming: { socket: { remoteAddress: peer } } },
        );
    // Headers from a direct client are its own words: five forged ones are still one address.
    for (let i = 0; i < 5; i++) {
      const forged = node("198.51.100.20", {
        "x-forwarded-for": `192.0.2.${i}`,
        "cf-connecting-ip": `192.0.2.${i}`,
      });
      expect((await forged("wrong-token-0123456789")).status).toBe(401);
    }
    expect((await node("198.51.100.20")(ADMIN_TOKEN)).status).toBe(429);
    // A proxy on this machine appends the client's address: the last entry counts, not the first.
    for (let i = 0; i < 5; i++) {
      const proxied = node("127.0.0.1", { "x-forwarded-for": `192.0.2.${i}, 203.0.113.30` });
      expect((await proxied("wrong-token-0123456789")).status).toBe(401);
    }
    expect(
      (await node("127.0.0.1", { "x-forwarded-for": "192.0.2.77, 203.0.113.30" })(ADMIN_TOKEN)).status,
    ).toBe(429);
    expect((await node("127.0.0.1", { "x-forwarded-for": "203.0.113.31" })(ADMIN_TOKEN)).status).toBe(200);
  });

  test("5 wrong tries under one name hold that name up from any IP, in the coordinator's language", async () => {
    const h = await adminHarness();
    for (let i = 1; i <= 5; i++) {
      const ip = { "cf-connecting-ip": `192.0.2.${i}` };
      expect((await new Coordinator(h).login("Kim", "wrong-token-0123456789", ip)).status).toBe(401);
    }
    const pl = new Coordinator(h);
    await pl.get("/admin/login?lang=pl");
    const res = await pl.login(" kim ", ADMIN_TOKEN, { "cf-connecting-ip": "192.0.2.99" });
    expect(res.status).toBe(429);
    expect(textOf(res.html)).toContain("Zbyt wiele błędnych prób. Odczekaj 15 minut i spróbuj ponownie.");
    expect(
      (await new Coordinator(h).login("Sam", ADMIN_TOKEN, { "cf-connecting-ip": "192.0.2.99" })).status,
    ).toBe(303);
  });

  test("without any address header every client shares one bucket", async () => {
    const h = await adminHarness();
    for (let i = 0; i < 5; i++) await new Coordinator(h).login("", "wrong-token-0123456789");
    expect((await new Coordinator(h).login("", ADMIN_TOKEN)).status).toBe(429);
  });
});

describe("failed bearer tokens", () => {
  const call = (
    h: Awaited<ReturnType<typeof adminHarness>>,
    token: string,
    headers: Record<string, string>,
  ) => h.app.request("/admin/api/overview", { headers: { authorization: `Bearer ${token}`, ...headers } });

  test("count towards the same per-IP limit: the 6th answers 429 JSON with Retry-After", async () => {
    const h = await adminHarness();
    for (let i = 0; i < 5; i++) expect((await call(h, `nope-${i}`, EVE)).status).toBe(401);
    const sixth = await call(h, ADMIN_TOKEN, EVE);
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get("retry-after")).toBe("900");
    expect(await sixth.json()).toEqual({ error: "too_many_attempts", retryAfter: 900 });
    expect((await call(h, ADMIN_TOKEN, KIM)).status).toBe(200);
    // A login form from the same IP is held up too: it guesses the same secret.
    expect((await new Coordinator(h).login("", ADMIN_TOKEN, EVE)).status).toBe(429);
    expect(await h.rows("SELECT DISTINCT bucket FROM admin_failures")).toEqual([
      { bucket: "ip:203.0.113.66" },
    ]);
  });
});
