// Settling and reminding a post (core/notices/post.ts): the rule the dashboard's approve and refuse
// and the tick job share. The statements and the outbox rows are covered end to end by
// test/admin/posts.test.ts and test/jobs/posts.test.ts.
import { describe, expect, test } from "vitest";
import type { Post } from "../../src/core/engine-types.ts";
import { daysLeft, remindPostNotice, settlePostNotice } from "../../src/core/notices/post.ts";

const post = (poster: Partial<Post["poster"]> = {}): Post => ({
  id: 7,
  code: "P482",
  kind: "offer",
  body: "Lifts to Tesco on Saturdays",
  tags: ["lift", "shopping"],
  status: "waiting",
  memberId: 12,
  firstName: "Ola",
  poster: {
    phone: "+447700900100",
    telegramId: null,
    locale: "pl",
    optedOut: false,
    lastChannel: "sms",
    telegramBlocked: false,
    ...poster,
  },
  expiresAt: "2026-12-28T12:00:00.000Z",
  createdAt: "2026-11-28T10:00:00.000Z",
});

const now = new Date("2026-11-28T12:00:00.000Z");
const view = { now, postDays: 14 };

describe("settling a post", () => {
  test("approved: up for postDays from now, the poster told in their language", () => {
    expect(settlePostNotice(post(), { outcome: "approved", by: "coordinator:Kim" }, view)).toEqual([
      {
        type: "settlePost",
        postId: 7,
        status: "open",
        by: "coordinator:Kim",
        expiresAt: "2026-12-12T12:00:00.000Z",
      },
      {
        type: "notify",
        channel: "sms",
        address: "+447700900100",
        locale: "pl",
        reply: { key: "post.approved", params: { code: "P482", count: 14 } },
      },
    ]);
  });

  test("refused and expired: the move without a new end, and the matching news", () => {
    const refused = settlePostNotice(post(), { outcome: "refused", by: "api" }, view);
    expect(refused[0]).toEqual({ type: "settlePost", postId: 7, status: "refused", by: "api" });
    expect(refused[1]).toMatchObject({ reply: { key: "post.refused", params: { code: "P482" } } });
    const expired = settlePostNotice(
      post({ telegramId: 99, lastChannel: "telegram" }),
      {
        outcome: "expired",
        by: "system",
      },
      view,
    );
    expect(expired[0]).toEqual({ type: "settlePost", postId: 7, status: "expired", by: "system" });
    expect(expired[1]).toMatchObject({ channel: "telegram", address: "99", reply: { key: "post.expired" } });
  });

  test("an opted-out or unreachable poster: the move only", () => {
    for (const poster of [{ optedOut: true }, { phone: null, lastChannel: null }])
      for (const outcome of ["approved", "refused", "expired"] as const)
        expect(settlePostNotice(post(poster), { outcome, by: "api" }, view).map((e) => e.type)).toEqual([
          "settlePost",
        ]);
  });
});

describe("reminding", () => {
  test("once-only mark and the news with the days left", () => {
    expect(remindPostNotice(post({ locale: "lv" }), 2)).toEqual([
      { type: "remindPost", postId: 7 },
      {
        type: "notify",
        channel: "sms",
        address: "+447700900100",
        locale: "lv",
        reply: { key: "post.expiring", params: { code: "P482", count: 2 } },
      },
    ]);
    expect(remindPostNotice(post({ optedOut: true }), 2)).toEqual([{ type: "remindPost", postId: 7 }]);
  });

  test("days left are whole days, at least 1", () => {
    expect(daysLeft("2026-12-01T12:00:00.000Z", now)).toBe(3);
    expect(daysLeft("2026-12-01T11:59:00.000Z", now)).toBe(2);
    expect(daysLeft("2026-11-28T18:00:00.000Z", now)).toBe(1);
    expect(daysLeft("2026-11-28T11:00:00.000Z", now)).toBe(1);
  });
});
