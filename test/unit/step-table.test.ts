// The engine's dispatch as a case table, goflow-style: (snapshot, facts, text) → (next state, effect
// types, reply keys). It drives `step()` from src/core/machine.ts directly, with no database and no
// channel, so it runs in milliseconds and pins which transition answers which message in which state
// (commands over open questions, partner answers before a member's, STOP silencing everything but
// START, first contacts joining). The wording itself is pinned by the golden transcripts.
import { describe, expect, test } from "vitest";
import type { Effect, Facts, Snapshot, StateName } from "../../src/core/engine-types.ts";
import { step } from "../../src/core/machine.ts";
import type { Locale } from "../../src/core/types.ts";
import { createI18n } from "../../src/i18n/index.ts";
import { booking, CONTACTS, FIRST, facts, GIFTEE, member, NOW, request, snapshot } from "./engine-fixture.ts";

interface Row {
  /** What the row shows. */
  name: string;
  /** The conversation before the message (idle and saved unless told). */
  before?: Snapshot;
  facts: Facts;
  text: string;
  /** The state after the message. */
  state: StateName;
  /** The effects' types, in order (replies are merged into one, after the others). */
  effects: Effect["type"][];
  /** The reply keys, in order: the reply, then its parts; "notify:" before keys of notices to others. */
  replies: string[];
  /** The language the replies are written in. */
  locale: Locale;
}

const en = member("en");
const pl = member("pl");
const lv = member("lv");
/** A member with 5 credits to spend. */
const rich = (m = en, more: Partial<Facts> = {}) =>
  facts({ member: m, balance: { available: 300, pendingByPartner: {} }, giftees: [GIFTEE], ...more });
const [kate, marek, ilze, tom] = CONTACTS as [
  (typeof CONTACTS)[0],
  (typeof CONTACTS)[0],
  (typeof CONTACTS)[0],
  (typeof CONTACTS)[0],
];
const contactOf = (c: typeof kate, more: Partial<Facts> = {}) =>
  facts({ address: c.phone ?? "", asContact: [c], ...more });
const twoOpen = [request("482"), request("519", { memberName: "Sharon", memberId: 11 })];
const logging = (draft: object, choices?: string[]) => ({
  draft: { mode: "steps" as const, ...draft },
  choices,
});

const rows: Row[] = [
  // ── Joining ─────────────────────────────────────────────────────────────────────────────────────
  {
    name: "an English hello gets the greeting in all three languages",
    before: FIRST,
    facts: facts(),
    text: "Hello",
    state: "join.language",
    effects: ["reply"],
    replies: ["join.greet", "join.greet", "join.greet"],
    locale: "en",
  },
  {
    name: "a Polish hello is asked for a name in Polish",
    before: FIRST,
    facts: facts(),
    text: "Cześć",
    state: "join.name",
    effects: ["reply"],
    replies: ["join.askName"],
    locale: "pl",
  },
  {
    name: "a Latvian command word from a newcomer asks for a name in Latvian",
    before: FIRST,
    facts: facts(),
    text: "ATLIKUMS",
    state: "join.name",
    effects: ["reply"],
    replies: ["join.askName"],
    locale: "lv",
  },
  {
    name: "a name with the first message goes straight to consent",
    before: FIRST,
    facts: facts(),
    text: "Mam na imię Marek",
    state: "join.consent",
    effects: ["reply"],
    replies: ["join.askConsent"],
    locale: "pl",
  },
  {
    name: "HELP from a newcomer says what the scheme is, then asks the name",
    before: FIRST,
    facts: facts(),
    text: "HELP",
    state: "join.name",
    effects: ["reply"],
    replies: ["join.about", "join.askName"],
    locale: "en",
  },
  {
    name: "3 picks Latvian from the greeting",
    before: snapshot("join.language"),
    facts: facts(),
    text: "3",
    state: "join.name",
    effects: ["reply"],
    replies: ["join.askName"],
    locale: "lv",
  },
  {
    name: "a name typed in English asks for consent",
    before: snapshot("join.name", { locale: "en" }),
    facts: facts(),
    text: "Tom",
    state: "join.consent",
    effects: ["reply"],
    replies: ["join.askConsent"],
    locale: "en",
  },
  {
    name: "TAK creates the member and asks once whether they volunteered before",
    before: snapshot("join.consent", { locale: "pl", name: "Ola" }),
    facts: facts(),
    text: "TAK",
    state: "profile.volunteered",
    effects: ["createMember", "reply"],
    replies: ["join.hello", "join.volunteered"],
    locale: "pl",
  },
  {
    name: "JĀ creates a Latvian member",
    before: snapshot("join.consent", { locale: "lv", name: "Ilga" }),
    facts: facts(),
    text: "JĀ",
    state: "profile.volunteered",
    effects: ["createMember", "reply"],
    replies: ["join.hello", "join.volunteered"],
    locale: "lv",
  },
  {
    name: "a newcomer's first command is carried out once they agree",
    before: snapshot("join.consent", { locale: "pl", name: "Ola", pending: "SALDO" }),
    facts: facts(),
    text: "TAK",
    state: "profile.volunteered",
    effects: ["createMember", "reply"],
    replies: ["join.hello", "balance.summary", "join.volunteered"],
    locale: "pl",
  },
  {
    name: "NO to consent forgets the conversation",
    before: snapshot("join.consent", { locale: "en", name: "Tom" }),
    facts: facts(),
    text: "NO",
    state: "idle",
    effects: ["forgetConversation", "reply"],
    replies: ["join.declined"],
    locale: "en",
  },
  {
    name: "STOP from a newcomer is remembered as a stopped conversation",
    before: FIRST,
    facts: facts(),
    text: "STOP",
    state: "stopped",
    effects: ["reply"],
    replies: ["stop.done"],
    locale: "en",
  },
  {
    name: "a member the coordinator registered is greeted by name the first time",
    before: FIRST,
    facts: rich(en),
    text: "BALANCE",
    state: "idle",
    effects: ["reply"],
    replies: ["greet.known", "balance.summary"],
    locale: "en",
  },

  // ── Balance, history, help, menu ────────────────────────────────────────────────────────────────
  {
    name: "BALANCE",
    facts: rich(en),
    text: "BALANCE",
    state: "idle",
    effects: ["reply"],
    replies: ["balance.summary"],
    locale: "en",
  },
  {
    name: "SALDO",
    facts: rich(pl),
    text: "SALDO",
    state: "idle",
    effects: ["reply"],
    replies: ["balance.summary"],
    locale: "pl",
  },
  {
    name: "ATLIKUMS",
    facts: rich(lv),
    text: "ATLIKUMS",
    state: "idle",
    effects: ["reply"],
    replies: ["balance.summary"],
    locale: "lv",
  },
  {
    name: "BALANCE with hours waiting for a partner lists them",
    facts: facts({ member: en, balance: { available: 90, pendingByPartner: { staithe: 180 } } }),
    text: "BALANCE",
    state: "idle",
    effects: ["reply"],
    replies: ["balance.withPending"],
    locale: "en",
  },
  {
    name: "1 with no question open picks BALANCE from the menu",
    facts: rich(en),
    text: "1",
    state: "idle",
    effects: ["reply"],
    replies: ["balance.summary"],
    locale: "en",
  },
  {
    name: "HISTORY with no entries",
    facts: rich(en),
    text: "HISTORY",
    state: "idle",
    effects: ["reply"],
    replies: ["history.empty"],
    locale: "en",
  },
  {
    name: "HELP",
    facts: rich(en),
    text: "HELP",
    state: "idle",
    effects: ["reply"],
    replies: ["help"],
    locale: "en",
  },
  {
    name: "POMOC",
    facts: rich(pl),
    text: "POMOC",
    state: "idle",
    effects: ["reply"],
    replies: ["help"],
    locale: "pl",
  },
  {
    name: "PALĪDZĪBA",
    facts: rich(lv),
    text: "PALĪDZĪBA",
    state: "idle",
    effects: ["reply"],
    replies: ["help"],
    locale: "lv",
  },
  {
    name: "a greeting from a member gets the menu",
    facts: rich(en),
    text: "hello",
    state: "idle",
    effects: ["reply"],
    replies: ["menu.title"],
    locale: "en",
  },

  // ── Unknown text ────────────────────────────────────────────────────────────────────────────────
  {
    name: "text not understood gets the menu with Sorry (en)",
    facts: rich(en),
    text: "xyzzy",
    state: "idle",
    effects: ["reply"],
    replies: ["menu.unknown"],
    locale: "en",
  },
  {
    name: "text not understood gets the menu with Sorry (pl)",
    facts: rich(pl),
    text: "qwerty blah",
    state: "idle",
    effects: ["reply"],
    replies: ["menu.unknown"],
    locale: "pl",
  },
  {
    name: "text not understood gets the menu with Sorry (lv)",
    facts: rich(lv),
    text: "asdf",
    state: "idle",
    effects: ["reply"],
    replies: ["menu.unknown"],
    locale: "lv",
  },
  {
    name: "YES with a code from a member who is no partner's contact reveals nothing",
    facts: rich(en),
    text: "YES 482",
    state: "idle",
    effects: ["reply"],
    replies: ["partner.notContact"],
    locale: "en",
  },
  {
    name: "an answer after the question timed out says so",
    before: {
      ...snapshot("log.hours", logging({ partnerId: "staithe" })),
      expiresAt: new Date(NOW.getTime() - 60_000).toISOString(),
    },
    facts: rich(en),
    text: "3",
    state: "idle",
    effects: ["reply"],
    replies: ["menu.expired"],
    locale: "en",
  },

  // ── Logging hours ───────────────────────────────────────────────────────────────────────────────
  {
    name: "LOG on its own asks which partner",
    facts: rich(en),
    text: "LOG",
    state: "log.partner",
    effects: ["reply"],
    replies: ["log.askPartner"],
    locale: "en",
  },
  {
    name: "a one-line LOG records and asks both Staithe contacts",
    facts: rich(en),
    text: "LOG 3 staithe gardening",
    state: "idle",
    effects: ["postEarning", "notify", "notify", "reply"],
    replies: ["notify:partner.requestWhat", "notify:partner.requestWhat", "log.recordedWhat"],
    locale: "en",
  },
  {
    name: "GODZINY 2 staithe",
    facts: rich(pl),
    text: "GODZINY 2 staithe",
    state: "idle",
    effects: ["postEarning", "notify", "notify", "reply"],
    replies: ["notify:partner.request", "notify:partner.request", "log.recorded"],
    locale: "pl",
  },
  {
    name: "STUNDAS 2 oasis asks Oasis's one contact",
    facts: rich(lv),
    text: "STUNDAS 2 oasis",
    state: "idle",
    effects: ["postEarning", "notify", "reply"],
    replies: ["notify:partner.request", "log.recorded"],
    locale: "lv",
  },
  {
    name: "LOG at a spend-only partner says so and asks again",
    facts: rich(en),
    text: "LOG 3 cinema",
    state: "log.partner",
    effects: ["reply"],
    replies: ["log.notEarnPartner", "log.askPartner"],
    locale: "en",
  },
  {
    name: "LOG of more hours than an entry may have is refused, then asked again",
    facts: rich(en),
    text: "LOG 25 staithe",
    state: "log.hours",
    effects: ["reply"],
    replies: ["log.refused.tooLong", "log.askHours"],
    locale: "en",
  },
  {
    name: "LOG at the open-request cap is refused before anything is asked",
    facts: facts({ member: en, openRequests: 5 }),
    text: "LOG 3 staithe",
    state: "idle",
    effects: ["reply"],
    replies: ["log.refused.tooMany"],
    locale: "en",
  },
  {
    name: "1 answers which partner",
    before: snapshot("log.partner", logging({}, ["staithe", "oasis"])),
    facts: rich(pl),
    text: "1",
    state: "log.hours",
    effects: ["reply"],
    replies: ["log.askHours"],
    locale: "pl",
  },
  {
    name: "3 answers how many hours, then the activity is asked",
    before: snapshot("log.hours", logging({ partnerId: "staithe" })),
    facts: rich(en),
    text: "3",
    state: "log.activity",
    effects: ["reply"],
    replies: ["log.askActivity"],
    locale: "en",
  },
  {
    name: "hours not understood are asked again",
    before: snapshot("log.hours", logging({ partnerId: "staithe" })),
    facts: rich(en),
    text: "lots",
    state: "log.hours",
    effects: ["reply"],
    replies: ["log.badHours", "log.askHours"],
    locale: "en",
  },
  {
    name: "2 picks the activity, then the day is asked",
    before: snapshot(
      "log.activity",
      logging({ partnerId: "staithe", minutes: 120 }, ["gardening", "kitchen", "decorating"]),
    ),
    facts: rich(lv),
    text: "2",
    state: "log.day",
    effects: ["reply"],
    replies: ["log.askDay"],
    locale: "lv",
  },
  {
    name: "2 picks yesterday and the entry is recorded",
    before: snapshot(
      "log.day",
      logging({ partnerId: "staithe", minutes: 120, activity: { id: "kitchen" } }, [
        "2026-11-28",
        "2026-11-27",
      ]),
    ),
    facts: rich(en),
    text: "2",
    state: "idle",
    effects: ["postEarning", "notify", "notify", "reply"],
    replies: ["notify:partner.requestWhat", "notify:partner.requestWhat", "log.recordedWhat"],
    locale: "en",
  },

  // ── Partner YES / NO ────────────────────────────────────────────────────────────────────────────
  {
    name: "YES 482 from a Staithe contact confirms and tells the member",
    facts: contactOf(kate, { requests: [request("482")] }),
    text: "YES 482",
    state: "idle",
    effects: ["settleEarning", "notify", "reply"],
    replies: ["notify:earning.confirmed", "partner.confirmedOne"],
    locale: "en",
  },
  {
    name: "NO 482 with a reason rejects",
    facts: contactOf(kate, { requests: [request("482")] }),
    text: "NO 482 not here",
    state: "idle",
    effects: ["settleEarning", "notify", "reply"],
    replies: ["notify:earning.rejected", "partner.rejectedOne"],
    locale: "en",
  },
  {
    name: "TAK 482 from a Polish contact",
    facts: contactOf(marek, { requests: [request("482")] }),
    text: "TAK 482",
    state: "idle",
    effects: ["settleEarning", "notify", "reply"],
    replies: ["notify:earning.confirmed", "partner.confirmedOne"],
    locale: "pl",
  },
  {
    name: "a bare NIE with one request open rejects it, with no reason",
    facts: contactOf(marek, { requests: [request("482")] }),
    text: "NIE",
    state: "idle",
    effects: ["settleEarning", "notify", "reply"],
    replies: ["notify:earning.rejectedPlain", "partner.rejectedOne"],
    locale: "pl",
  },
  {
    name: "JĀ 482 from a Latvian contact",
    facts: contactOf(ilze, { requests: [request("482", { partnerId: "oasis" })] }),
    text: "JĀ 482",
    state: "idle",
    effects: ["settleEarning", "notify", "reply"],
    replies: ["notify:earning.confirmed", "partner.confirmedOne"],
    locale: "lv",
  },
  {
    name: "a bare YES with two open asks which one",
    facts: contactOf(kate, { requests: twoOpen }),
    text: "YES",
    state: "partner.pick",
    effects: ["reply"],
    replies: ["partner.which"],
    locale: "en",
  },
  {
    name: "1 answers which one",
    before: snapshot("partner.pick", {
      choices: ["482", "519"],
      decision: { status: "confirmed", reason: null },
    }),
    facts: contactOf(kate, { requests: twoOpen }),
    text: "1",
    state: "idle",
    effects: ["settleEarning", "notify", "reply"],
    replies: ["notify:earning.confirmed", "partner.confirmedOne"],
    locale: "en",
  },
  {
    name: "YES ALL confirms every open request",
    facts: contactOf(kate, { requests: twoOpen }),
    text: "YES ALL",
    state: "idle",
    effects: ["settleEarning", "notify", "settleEarning", "notify", "reply"],
    replies: ["notify:earning.confirmed", "notify:earning.confirmed", "partner.confirmedMany"],
    locale: "en",
  },
  {
    name: "YES with an unknown code",
    facts: contactOf(kate, { requests: [request("482")] }),
    text: "YES 999",
    state: "idle",
    effects: ["reply"],
    replies: ["partner.unknownCode"],
    locale: "en",
  },
  {
    name: "YES to a request a colleague settled says so",
    facts: contactOf(kate, { requests: [request("482", { status: "confirmed", settledBy: "contact:2" })] }),
    text: "YES 482",
    state: "idle",
    effects: ["reply"],
    replies: ["partner.already.confirmed"],
    locale: "en",
  },
  {
    name: "a contact who is not a member gets the partner help, not a sign-up",
    facts: contactOf(kate),
    text: "hello",
    state: "idle",
    effects: ["reply"],
    replies: ["partner.help"],
    locale: "en",
  },
  {
    name: "REDEEM 4821 at the cinema",
    facts: contactOf(tom, { partnerBookings: [booking("4821")] }),
    text: "REDEEM 4821",
    state: "idle",
    effects: ["redeemBooking", "notify", "reply"],
    replies: ["notify:spend.enjoy", "spend.redeemed"],
    locale: "en",
  },

  // ── Spending and booking ────────────────────────────────────────────────────────────────────────
  {
    name: "EVENTS suggests three, best first, and offers MORE",
    facts: rich(en),
    text: "EVENTS",
    state: "spend.pick",
    effects: ["reply"],
    replies: ["spend.title", "spend.eventFree", "spend.event", "spend.event", "spend.more"],
    locale: "en",
  },
  {
    name: "WYDARZENIA",
    facts: rich(pl),
    text: "WYDARZENIA",
    state: "spend.pick",
    effects: ["reply"],
    replies: ["spend.title", "spend.eventFree", "spend.event", "spend.event", "spend.more"],
    locale: "pl",
  },
  {
    name: "SPEND cinema asks to confirm the offer",
    facts: rich(en),
    text: "SPEND cinema",
    state: "spend.confirm",
    effects: ["reply"],
    replies: ["spend.confirmOffer"],
    locale: "en",
  },
  {
    name: "BOOK 1 with no list open books the first suggestion: how many places?",
    facts: rich(en),
    text: "BOOK 1",
    state: "spend.places",
    effects: ["reply"],
    replies: ["spend.askPlacesFree"],
    locale: "en",
  },
  {
    name: "1 picks from the suggestions shown",
    before: snapshot("spend.pick", { choices: ["offer:swim", "offer:gym"], page: 0 }),
    facts: rich(pl),
    text: "1",
    state: "spend.confirm",
    effects: ["reply"],
    replies: ["spend.confirmOffer"],
    locale: "pl",
  },
  {
    name: "2 places at an event asks to confirm",
    before: snapshot("spend.places", { spend: { kind: "event", id: "bingo-dec" } }),
    facts: rich(en),
    text: "2",
    state: "spend.confirm",
    effects: ["reply"],
    replies: ["spend.confirmEvent"],
    locale: "en",
  },
  {
    name: "YES holds the credits and gives a code",
    before: snapshot("spend.confirm", { spend: { kind: "offer", id: "cinema-ticket", places: 1 } }),
    facts: rich(en),
    text: "YES",
    state: "idle",
    effects: ["hold", "reply"],
    replies: ["spend.offerCode"],
    locale: "en",
  },
  {
    name: "TAK holds the credits (pl)",
    before: snapshot("spend.confirm", { spend: { kind: "offer", id: "cinema-ticket", places: 1 } }),
    facts: rich(pl),
    text: "TAK",
    state: "idle",
    effects: ["hold", "reply"],
    replies: ["spend.offerCode"],
    locale: "pl",
  },
  {
    name: "NĒ books nothing",
    before: snapshot("spend.confirm", { spend: { kind: "offer", id: "cinema-ticket", places: 1 } }),
    facts: rich(lv),
    text: "NĒ",
    state: "idle",
    effects: ["reply"],
    replies: ["spend.notBooked"],
    locale: "lv",
  },
  {
    name: "YES without the credits any more offers something affordable instead",
    before: snapshot("spend.confirm", { spend: { kind: "offer", id: "cinema-ticket", places: 1 } }),
    facts: facts({ member: en, balance: { available: 30, pendingByPartner: {} } }),
    text: "YES",
    state: "idle",
    effects: ["reply"],
    replies: ["spend.cantAfford", "spend.instead", "spend.eventFreePlain"],
    locale: "en",
  },
  {
    name: "CANCEL with a code that is no booking of theirs",
    facts: rich(en),
    text: "CANCEL 4821",
    state: "idle",
    effects: ["reply"],
    replies: ["spend.noSuchBooking"],
    locale: "en",
  },

  // ── Gifts ───────────────────────────────────────────────────────────────────────────────────────
  {
    name: "GIVE 1 to a name given to before asks to confirm",
    facts: rich(en),
    text: "GIVE 1 Ola",
    state: "give.confirm",
    effects: ["reply"],
    replies: ["give.confirm"],
    locale: "en",
  },
  {
    name: "PODARUJ 1 Ola",
    facts: rich(pl),
    text: "PODARUJ 1 Ola",
    state: "give.confirm",
    effects: ["reply"],
    replies: ["give.confirm"],
    locale: "pl",
  },
  {
    name: "GIVE to a new number asks to confirm the invitation",
    facts: rich(en),
    text: "GIVE 1 +447700900555",
    state: "give.confirm",
    effects: ["reply"],
    replies: ["give.confirmInvite"],
    locale: "en",
  },
  {
    name: "GIVE more than the balance is refused",
    facts: rich(en),
    text: "GIVE 20 Ola",
    state: "idle",
    effects: ["reply"],
    replies: ["give.notEnough"],
    locale: "en",
  },
  {
    name: "YES gives and tells the receiver",
    before: snapshot("give.confirm", { gift: { minutes: 60, to: { id: 21, name: "Ola" } } }),
    facts: rich(en),
    text: "YES",
    state: "idle",
    effects: ["gift", "notify", "reply"],
    replies: ["notify:give.received", "give.done"],
    locale: "en",
  },
  {
    name: "JĀ to a gift for a new number invites it",
    before: snapshot("give.confirm", { gift: { minutes: 60, to: { phone: "+447700900555" } } }),
    facts: rich(lv),
    text: "JĀ",
    state: "idle",
    effects: ["inviteMember", "gift", "notify", "reply"],
    replies: ["notify:give.invite", "give.doneInvite"],
    locale: "lv",
  },
  {
    name: "NIE cancels the gift",
    before: snapshot("give.confirm", { gift: { minutes: 60, to: { id: 21, name: "Ola" } } }),
    facts: rich(pl),
    text: "NIE",
    state: "idle",
    effects: ["reply"],
    replies: ["give.cancelled"],
    locale: "pl",
  },
  {
    name: "anything but yes or no asks again",
    before: snapshot("give.confirm", { gift: { minutes: 60, to: { id: 21, name: "Ola" } } }),
    facts: rich(en),
    text: "maybe",
    state: "give.confirm",
    effects: ["reply"],
    replies: ["give.yesOrNo"],
    locale: "en",
  },

  // ── Language, STOP and START ────────────────────────────────────────────────────────────────────
  {
    name: "POLSKI switches to Polish",
    facts: rich(en),
    text: "POLSKI",
    state: "idle",
    effects: ["updateMember", "reply"],
    replies: ["lang.changed"],
    locale: "pl",
  },
  {
    name: "STOP",
    facts: rich(en),
    text: "STOP",
    state: "idle",
    effects: ["updateMember", "reply"],
    replies: ["stop.done"],
    locale: "en",
  },
  {
    name: "STOP in the middle of a question leaves it",
    before: snapshot("log.hours", logging({ partnerId: "staithe" })),
    facts: rich(pl),
    text: "STOP",
    state: "idle",
    effects: ["updateMember", "reply"],
    replies: ["stop.done"],
    locale: "pl",
  },
  {
    name: "after STOP a command gets silence",
    facts: facts({ member: member("lv", { optedOut: true }) }),
    text: "ATLIKUMS",
    state: "idle",
    effects: [],
    replies: [],
    locale: "lv",
  },
  {
    name: "START after STOP welcomes them back",
    facts: facts({ member: member("en", { optedOut: true }) }),
    text: "START",
    state: "idle",
    effects: ["updateMember", "reply"],
    replies: ["start.back"],
    locale: "en",
  },
];

/** The reply keys in the order a reader gets them, and the keys of notices to others. */
function replyKeys(effects: Effect[]): string[] {
  return effects.flatMap((e) => {
    if (e.type === "notify") return [`notify:${e.reply.key}`];
    if (e.type !== "reply") return [];
    return [e.reply.key, ...(e.reply.also ?? []).map((part) => part.key)];
  });
}

describe("step(): (snapshot, facts, text) → (state, effects, replies)", () => {
  test.each(rows.map((row) => [`${row.locale} · ${row.name}: ${JSON.stringify(row.text)}`, row] as const))(
    "%s",
    (_, row) => {
      const before = row.before ?? snapshot();
      const result = step(before, { type: "message", text: row.text }, row.facts, NOW);
      expect({
        state: result.snapshot.state,
        effects: result.effects.map((e) => e.type),
        replies: replyKeys(result.effects),
        locale: result.locale,
      }).toEqual({ state: row.state, effects: row.effects, replies: row.replies, locale: row.locale });
      // A question stays open for its time; no question leaves nothing to time out.
      const asking = row.state !== "idle" && row.state !== "stopped";
      expect(result.snapshot.expiresAt !== null).toBe(asking);
      expect(result.snapshot.version).toBe(before.version);
    },
  );
});

describe("the table", () => {
  test("covers every language and the main commands", () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
    for (const locale of ["en", "pl", "lv"] as const)
      expect(rows.filter((r) => r.locale === locale).length).toBeGreaterThanOrEqual(8);
  });

  test("every reply key it expects is a translated message", () => {
    const i18n = createI18n();
    const keys = new Set(rows.flatMap((r) => r.replies.map((k) => k.replace(/^notify:/, ""))));
    // A key with plural forms exists as key_one, key_other …
    expect([...keys].filter((k) => !i18n.has(k) && !i18n.has(`${k}_other`))).toEqual([]);
  });

  test("step() is pure: the same input gives the same result and leaves the snapshot alone", () => {
    for (const row of rows) {
      const before = structuredClone(row.before ?? snapshot());
      const frozen = structuredClone(before);
      const a = step(before, { type: "message", text: row.text }, row.facts, NOW);
      const b = step(before, { type: "message", text: row.text }, row.facts, NOW);
      expect(b).toEqual(a);
      expect(before).toEqual(frozen);
    }
  });
});
