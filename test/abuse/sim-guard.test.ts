// F1: the simulator answers only its own page. A cross-site form (text/plain), a page on another
// origin, or a DNS-rebinding page (another Host) is refused and nothing is recorded.
import { beforeAll, describe, expect, test } from "vitest";
import { createHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const send = JSON.stringify({ address: "+447700900555", text: "BALANCE" });
const inbound = () => h.rows("SELECT COUNT(*) AS n FROM inbound_messages");

describe("the simulator's API", () => {
  test("JSON from its own page is answered", async () => {
    const res = await h.app.request("http://127.0.0.1:8787/sim/api/send", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: "http://127.0.0.1:8787",
        host: "127.0.0.1:8787",
      },
      body: send,
    });
    expect(res.status).toBe(200);
  });

  test.each([
    ["a cross-site form (text/plain)", { "content-type": "text/plain" }, 415],
    ["a form-encoded body", { "content-type": "application/x-www-form-urlencoded" }, 415],
    ["no content type", {}, 415],
    ["JSON from another origin", { "content-type": "application/json", origin: "https://evil.example" }, 403],
    ["JSON from an opaque origin", { "content-type": "application/json", origin: "null" }, 403],
    [
      "JSON a browser marks cross-site",
      { "content-type": "application/json", "sec-fetch-site": "cross-site" },
      403,
    ],
  ])("%s is refused and not recorded", async (_name, headers: Record<string, string>, status) => {
    const before = await inbound();
    const res = await h.app.request("http://127.0.0.1:8787/sim/api/send", {
      method: "POST",
      headers: { host: "127.0.0.1:8787", ...headers },
      body: send,
    });
    expect(res.status).toBe(status);
    expect(await inbound()).toEqual(before);
  });

  test("a page reached under another host name (DNS rebinding) cannot read the people list", async () => {
    const res = await h.app.request("http://evil.example:8787/sim/api/people", {
      headers: { host: "evil.example:8787" },
    });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("+4477");
  });
});
