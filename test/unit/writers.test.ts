// The effect writers (src/store/writers) without a database: one sample of every effect the engine
// can ask for (a new effect type does not compile until it has one here), written for a sender on SMS
// and on Telegram. Every statement's parameters must match its arguments — as many `?` as positional
// arguments, the same `:names` as named ones — which is what a write batch fails on at run time.
// The writers' effect on real rows is covered by the store and conversation tests.
import { describe, expect, test } from "vitest";
import type { Rendered } from "../../src/channels/render.ts";
import type { Effect } from "../../src/core/engine-types.ts";
import type { Channel } from "../../src/core/types.ts";
import type { InStatement } from "../../src/store/db.ts";
import { memberRef } from "../../src/store/identity.ts";
import {
  type CommonEffect,
  type ConversationWrite,
  WRITERS,
  type WriteContext,
  writeCommon,
  writeEffects,
} from "../../src/store/writers/index.ts";
import type { EffectOf } from "../../src/store/writers/types.ts";
import { NOW, snapshot } from "./engine-fixture.ts";

const reply = { key: "menu.title" } as const;
const SAMPLES: { [T in Effect["type"]]: EffectOf<T>[] } = {
  reply: [{ type: "reply", reply }],
  createMember: [{ type: "createMember", name: "Ola", locale: "pl" }],
  updateMember: [
    { type: "updateMember", locale: "lv" },
    { type: "updateMember", optedOut: true, plainSms: false },
  ],
  chooseChannel: [
    { type: "chooseChannel", channel: "whatsapp" },
    { type: "chooseChannel", channel: "sms" },
  ],
  setVolunteeredBefore: [{ type: "setVolunteeredBefore", value: true }],
  postEarning: [
    {
      type: "postEarning",
      minutes: 180,
      partnerId: "staithe",
      activity: "gardening",
      day: "2026-11-27",
      code: "482",
    },
    {
      type: "postEarning",
      minutes: 60,
      partnerId: "oasis",
      activity: null,
      day: "2026-11-28",
      status: "confirmed",
      loggedBy: "contact:4",
      forMember: { id: 12 },
    },
    {
      type: "postEarning",
      minutes: 60,
      partnerId: "oasis",
      activity: null,
      day: "2026-11-28",
      loggedBy: "contact:4",
      forMember: { phone: "+447700900555" },
    },
  ],
  settleEarning: [
    { type: "settleEarning", entryId: 482, status: "confirmed", by: "contact:1", reason: null },
    { type: "settleEarning", entryId: 483, status: "rejected", by: "contact:1", reason: "not here" },
  ],
  notify: [
    { type: "notify", channel: "sms", address: "+447700900100", locale: "pl", reply },
    { type: "notify", channel: "telegram", address: "555", locale: "en", reply },
    {
      type: "notify",
      channel: "sms",
      address: "+447700900001",
      locale: "en",
      reply,
      notice: { partnerId: "staithe", code: "482" },
    },
  ],
  inviteMember: [{ type: "inviteMember", phone: "+447700900555", locale: "en" }],
  claimWaiting: [{ type: "claimWaiting" }],
  checkIn: [{ type: "checkIn", partnerId: "staithe" }],
  checkOut: [{ type: "checkOut", checkinId: 3 }],
  linkPhone: [
    { type: "linkPhone", phone: "+447700900100", into: "thisMember" },
    { type: "linkPhone", phone: "+447700900100", into: "phoneMember", dropMemberId: 9 },
  ],
  hold: [
    {
      type: "hold",
      code: "4821",
      partnerId: "oasis",
      item: { kind: "event", id: "bingo-dec", capacity: 30, startsAt: "2026-12-04T18:00:00.000Z" },
      places: 2,
      minutes: 120,
    },
    {
      type: "hold",
      code: "4822",
      partnerId: "cinema",
      item: { kind: "offer", id: "cinema-ticket", capacity: null, startsAt: null },
      places: 1,
      minutes: 120,
    },
  ],
  cancelBooking: [{ type: "cancelBooking", bookingId: 7 }],
  redeemBooking: [{ type: "redeemBooking", bookingId: 7, by: "contact:10" }],
  createPost: [
    {
      type: "createPost",
      code: "P482",
      kind: "offer",
      body: "lifts to Tesco",
      tags: ["lift", "shopping"],
      status: "waiting",
      expiresAt: "2027-01-01T12:00:00.000Z",
    },
  ],
  linkPost: [{ type: "linkPost", postId: 3 }],
  payHelp: [{ type: "payHelp", minutes: 120, to: { id: 21 }, postId: 3 }],
  vote: [{ type: "vote", pollId: 2, option: 3 }],
  claimHelp: [{ type: "claimHelp", postId: 3, helpedId: 21, minutes: 120 }],
  answerClaim: [{ type: "answerClaim", claimId: 4, status: "paid" }],
  inviteToEvent: [
    {
      type: "inviteToEvent",
      code: "G482",
      eventId: "bingo-dec",
      toMemberId: 21,
      payer: "self",
      bookingCode: null,
    },
    {
      type: "inviteToEvent",
      code: "G483",
      eventId: "bingo-dec",
      toMemberId: 21,
      payer: "booker",
      bookingCode: "4821",
    },
  ],
  answerInvite: [{ type: "answerInvite", inviteId: 5, status: "accepted" }],
  createIdea: [{ type: "createIdea", body: "a family swim on Sundays" }],
  proposePoll: [
    { type: "proposePoll", partnerId: "oasis", contactId: 3, question: "Bowling?", options: ["Yes", "No"] },
  ],
  answerLink: [{ type: "answerLink", linkId: 4, status: "shared" }],
  closePost: [{ type: "closePost", postId: 3 }],
  renewPost: [{ type: "renewPost", postId: 3, expiresAt: "2027-01-01T12:00:00.000Z" }],
  settlePost: [
    {
      type: "settlePost",
      postId: 3,
      status: "open",
      by: "coordinator",
      expiresAt: "2027-01-01T12:00:00.000Z",
    },
    { type: "settlePost", postId: 3, status: "expired", by: "system" },
  ],
  remindPost: [{ type: "remindPost", postId: 3 }],
  settleBooking: [
    { type: "settleBooking", bookingId: 7, outcome: "cancelled", by: "coordinator", guarded: true },
    { type: "settleBooking", bookingId: 8, outcome: "released", by: "system", guarded: false },
  ],
  gift: [
    { type: "gift", minutes: 60, to: { id: 21 } },
    { type: "gift", minutes: 60, to: { phone: "+447700900555" } },
  ],
  setNudges: [{ type: "setNudges", on: false }],
  markTipsAsked: [{ type: "markTipsAsked", memberId: 12 }],
  createEvent: [
    {
      type: "createEvent",
      event: {
        id: "staithe-2026-12-05",
        partnerId: "staithe",
        title: { en: "Garden day" },
        startsAt: "2026-12-05T10:00:00.000Z",
        cost: 60,
        capacity: null,
      },
    },
  ],
  forgetConversation: [{ type: "forgetConversation" }],
  sendFile: [{ type: "sendFile", filename: "my-data.json", content: "{}" }],
  forgetMember: [
    { type: "forgetMember", memberId: 12, name: "Anna", phone: "+447700900100", telegramId: null },
  ],
};
const EFFECTS: Effect[] = Object.values(SAMPLES).flat();

/** Renders any message as one or two parts (two: the writers must queue each). */
const render = (
  _channel: Channel,
  _locale: string,
  r: { key: string },
  options?: { plainLetters?: boolean },
) =>
  [{ body: `${r.key} żółć${options?.plainLetters ? " plain" : ""}` }, { body: "second part" }] as Rendered[];

function context(channel: Channel, address: string): WriteContext {
  const w: ConversationWrite = {
    channel,
    address,
    externalId: "SM123",
    body: null,
    before: snapshot(),
    after: snapshot(),
    effects: EFFECTS,
    stored: { locale: "en", replies: [reply] },
    now: NOW,
    render,
    erased: [{ digest: "d1", keyId: "k1" }],
  };
  return {
    w,
    at: NOW,
    now: NOW.toISOString(),
    render,
    me: memberRef(channel, address),
    inboundSql: "(SELECT id FROM inbound_messages WHERE channel = ? AND external_id = ?)",
    inbound: { channel, externalId: "SM123" },
  };
}

/** The statement's parameters against its arguments; "" when they match. */
function mismatch(s: InStatement): string {
  if (typeof s === "string") return "";
  // Quoted strings may hold a "?" or ":x" that is no parameter ('{"source":"partner message"}').
  const text = s.sql.replace(/'(?:[^']|'')*'/g, "''");
  const args = s.args ?? [];
  if (Array.isArray(args)) {
    const marks = (text.match(/\?/g) ?? []).length;
    return marks === args.length ? "" : `${marks} "?" for ${args.length} arguments in: ${s.sql}`;
  }
  const names = [...new Set([...text.matchAll(/(?<![:\w]):([A-Za-z_]\w*)/g)].map((m) => m[1]))].sort();
  const given = Object.keys(args).sort();
  return JSON.stringify(names) === JSON.stringify(given)
    ? ""
    : `parameters ${names.join(",")} for arguments ${given.join(",")} in: ${s.sql}`;
}

describe("every effect's statements bind", () => {
  const senders: Array<[Channel, string]> = [
    ["sms", "+447700900100"],
    ["telegram", "777"],
  ];
  test.each(
    senders.flatMap(([channel, address]) => EFFECTS.map((e) => [channel, e.type, address, e] as const)),
  )("%s: %s", (channel, _type, address, effect) => {
    const c = context(channel, address);
    const writer = WRITERS[effect.type] as { write: (e: Effect, c: WriteContext) => InStatement[] };
    const statements = writer.write(effect, c);
    expect(statements.map(mismatch).filter(Boolean)).toEqual([]);
  });
});

describe("the registry", () => {
  test("a reply and the end of a conversation write nothing themselves", () => {
    const c = context("sms", "+447700900100");
    expect(WRITERS.reply.write({ type: "reply", reply }, c)).toEqual([]);
    expect(WRITERS.forgetConversation.write({ type: "forgetConversation" }, c)).toEqual([]);
  });

  test("each effect goes in one place of the batch, and every statement comes out once", () => {
    const c = context("sms", "+447700900100");
    const places = ["beforeInbound", "inOrder", "afterReplies"] as const;
    const all = EFFECTS.flatMap((e) =>
      (WRITERS[e.type] as { write: (e: Effect, c: WriteContext) => InStatement[] }).write(e, c),
    );
    expect(places.flatMap((p) => writeEffects(EFFECTS, p, c))).toHaveLength(all.length);
    // A new member comes before the inbound record that points at them; a file after the replies.
    expect(WRITERS.createMember.place).toBe("beforeInbound");
    expect(WRITERS.sendFile.place).toBe("afterReplies");
  });

  test("a notice to someone else queues every rendered part; the dashboard's writes use the same writers", () => {
    const c = context("sms", "+447700900100");
    const common: CommonEffect[] = [
      { type: "reply", reply },
      { type: "settleEarning", entryId: 482, status: "confirmed", by: "coordinator", reason: null },
      { type: "notify", channel: "telegram", address: "555", locale: "en", reply },
      { type: "markTipsAsked", memberId: 12 },
    ];
    const statements = writeCommon(common, { at: NOW, now: NOW.toISOString(), render });
    expect(statements.map(mismatch).filter(Boolean)).toEqual([]);
    const outbox = statements.filter((s) => typeof s !== "string" && /INSERT INTO outbox/.test(s.sql));
    expect(outbox).toHaveLength(2);
    expect(writeCommon(common, { at: NOW, now: NOW.toISOString(), render })).toEqual(statements);
    // The same settle as the bot's, statement for statement.
    expect(writeCommon([common[1] as CommonEffect], { at: NOW, now: c.now, render })).toEqual(
      WRITERS.settleEarning.write(common[1] as EffectOf<"settleEarning">, c),
    );
  });
});
