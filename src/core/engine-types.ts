// The engine's own vocabulary: what it reads (facts), what it keeps between messages (snapshot) and
// what it asks the runner to do (effects). All plain data.
import type { Command } from "./parse.ts";
import type {
  Activity,
  Balance,
  Channel,
  Contact,
  LedgerEntry,
  Locale,
  Member,
  Partner,
  Reply,
} from "./types.ts";

export type StateName =
  | "idle"
  | "join.language"
  | "join.name"
  | "join.consent"
  | "stopped"
  | "lang.pick"
  | "log.partner"
  | "log.hours"
  | "log.activity"
  | "log.day"
  | "partner.pick"
  | "checkin.partner"
  | "spend.pick"
  | "spend.places"
  | "spend.confirm"
  /** "Go to Family bingo with Kasia? 1 each pays, 2 you pay both": booking for another member. */
  | "spend.for"
  /** "Put this on the board?": an OFFER or ASK read from a sentence, asked once. */
  | "post.confirm"
  | "give.confirm"
  | "privacy.confirm"
  /** "Pay Sharon 2 credits for P482?": help paid for in credits waits for its one YES. */
  | "post.thanks"
  /** "Have you volunteered before?", asked once just after joining; any other answer leaves it. */
  | "profile.volunteered"
  /** "Did you mean …?": the message was nearly understood; a number picks one of the guesses. */
  | "clarify";

/** A half-written log entry, filled one slot at a time. */
export interface LogDraft {
  mode: "steps" | "line";
  partnerId?: string;
  minutes?: number;
  /** Activity id from the partner's list, free text, or null for none (SKIP). */
  activity?: { id: string } | { text: string } | null;
  day?: string;
}

export interface ConversationData {
  locale?: Locale;
  name?: string;
  /** The first message of a newcomer that was a command: replayed once they have joined. */
  pending?: string;
  draft?: LogDraft;
  /** What each number means for the question just asked (partner ids, activity ids …). */
  choices?: string[];
  /** A booking or gift waiting for its one confirmation. */
  spend?: { kind: "event" | "offer"; id: string; places?: number };
  /** BOOK 1 FOR Kasia: the event and the member asked to come along, waiting for who pays. */
  spendFor?: { id: string; to: { id: number; name: string; reach: Reach } };
  gift?: { minutes: number; to: { id: number; name: string } | { phone: string; invited?: boolean } };
  /** An offer or ask read from a sentence, waiting for its YES. */
  postDraft?: { kind: "offer" | "ask"; body: string };
  /** Help paid for in credits (THANKS P482 2), waiting for its one confirmation. */
  thanks?: { postId: number; code: string; minutes: number; to: { id: number; name: string; reach: Reach } };
  /** How far into the suggestions MORE has gone. */
  page?: number;
  /** The guesses of "Did you mean …?", as the commands they would run. */
  guesses?: Command[];
  /** A newcomer's name as their WhatsApp profile gives it, waiting for them to confirm it. */
  suggestedName?: string;
  /** A partner's YES or NO waiting for them to say which request. */
  decision?: { status: "confirmed" | "rejected"; reason: string | null };
}

export interface Snapshot {
  state: StateName;
  data: ConversationData;
  expiresAt: string | null;
  version: number;
  /** False until the conversation has been saved once: a first contact. */
  exists: boolean;
}

export interface SchemeSettings {
  /** A partner is reminded of requests open this long. */
  reminderHours: number;
  /** Requests open this long expire. */
  expiryDays: number;
  /** Check-in hours are rounded to this many minutes. */
  roundingMinutes: number;
  /** At most this many credits given away per member per week. */
  giftWeeklyCredits: number;
  /** Unclaimed gifts go back to the giver after this many days. */
  giftClaimDays: number;
  /** Message texts (inbound bodies, sent outbox bodies) are erased after this many days. */
  retentionDays: number;
  /** More than this many messages from one address within `rateLimitMinutes` are not acted on. */
  rateLimitMessages: number;
  rateLimitMinutes: number;
  /** SMS goes only to numbers with these country calling codes (no "+"): SMS-pumping protection. */
  allowedCountryCodes: string[];
  /** At most this many new numbers invited per sender per day. */
  invitesPerDay: number;
  /** What one SMS segment costs the scheme, in pence: a broadcast's preview estimates its cost with it. */
  smsSegmentPence: number;
  /** At most this many open (pending) hour requests per member; more are refused until some are settled. */
  maxOpenRequests: number;
  /** Members never confirmed once yet may have at most this many open requests. */
  newcomerOpenRequests: number;
  /** Each partner contact gets at most one request message per this many minutes; the rest wait for a digest. */
  contactNotifyMinutes: number;
  /** What one WhatsApp conversation a broadcast opens costs, in pence (WhatsApp is priced per conversation). */
  whatsappConversationPence: number;
  /**
   * Approved WhatsApp templates (Twilio Content SIDs) per message key and language, for messages outside
   * WhatsApp's 24-hour window. Without one the message goes by SMS to the same number.
   */
  whatsappTemplates: WhatsAppTemplates;
  /** Members' offers and asks wait for a coordinator's approval before anyone sees them (safeguarding). */
  postsNeedApproval: boolean;
  /** A post is up this many days, then ends unless its poster renews it (reminded a few days before). */
  postDays: number;
  /** At most this many credits a week are paid for help through one post (THANKS). */
  postWeeklyCredits: number;
}

/** `{ "partner.request": { "pl": { "sid": "HX…", "variables": ["member", "hours", "day", "code"] } } }`. */
export type WhatsAppTemplates = Record<string, Partial<Record<Locale, WhatsAppTemplate>>>;

export interface WhatsAppTemplate {
  /** The Content SID, `HX` and 32 hex digits. */
  sid: string;
  /** The message's parameters that fill {{1}}, {{2}} …, in order; `body` is the whole text. Default `["body"]`. */
  variables: string[];
}

export const DEFAULT_SETTINGS: SchemeSettings = {
  reminderHours: 48,
  expiryDays: 14,
  roundingMinutes: 15,
  giftWeeklyCredits: 10,
  giftClaimDays: 30,
  retentionDays: 90,
  rateLimitMessages: 20,
  rateLimitMinutes: 10,
  allowedCountryCodes: ["44", "48", "371"],
  invitesPerDay: 10,
  smsSegmentPence: 4,
  maxOpenRequests: 5,
  newcomerOpenRequests: 2,
  contactNotifyMinutes: 10,
  whatsappConversationPence: 5,
  whatsappTemplates: {},
  postsNeedApproval: true,
  postDays: 30,
  postWeeklyCredits: 10,
};

export interface SchemeFacts {
  name: string;
  timezone: string;
  settings: SchemeSettings;
}

/**
 * A request message to a partner contact: the outbox sends a contact at most one per
 * `contactNotifyMinutes` and gathers the rest into a digest (jobs/partner-digest.ts).
 */
export interface RequestNotice {
  partnerId: string;
  code: string;
}

/** An earning that waits for (or was recently settled by) a partner the sender speaks for. */
export interface PartnerRequest {
  entryId: number;
  code: string;
  partnerId: string;
  memberId: number;
  memberName: string;
  memberLocale: Locale;
  memberPhone: string | null;
  memberTelegramId: number | null;
  memberOptedOut: boolean;
  memberLastChannel: Channel | null;
  memberTelegramBlocked: boolean;
  /** How many of the member's earnings are confirmed already, and whether they were asked about TIPS. */
  memberEarned: number;
  memberTipsAsked: boolean;
  minutes: number;
  activity: string | null;
  day: string;
  status: LedgerEntry["status"];
  settledBy: string | null;
  settledAt: string | null;
  /** The member's spendable balance now, in minutes. */
  available: number;
}

/** Something to spend credits on: a dated event, or an offer at a spend partner. */
export interface SpendItem {
  kind: "event" | "offer";
  id: string;
  partnerId: string;
  title: Partial<Record<Locale, string>>;
  /** UTC ISO time, for events. */
  startsAt: string | null;
  /** Minutes per place. */
  cost: number;
  valuePence: number | null;
  community: boolean;
  family: boolean;
  capacity: number | null;
  /** Places already held or redeemed. */
  booked: number;
}

/** Another member asked the sender to come along to an event (BOOK 1 FOR …), waiting for YES G123 / NO G123. */
export interface EventInvite {
  id: number;
  code: string;
  eventId: string;
  /** Who asked, and how to tell them the answer. */
  from: { id: number; name: string; reach: Reach };
  /** "self": the invited member pays their own place; "booker": a place the booker holds for them. */
  payer: "self" | "booker";
  /** The booker's held place for them (payer "booker"), by id and code. */
  booking: { id: number; code: string } | null;
}

/** A helper's DONE P482 2 waiting for the helped member's YES or NO. */
export interface HelpClaim {
  id: number;
  postId: number;
  minutes: number;
  helper: { id: number; name: string; reach: Reach };
}

/** The newest open poll the member was sent, with their answer so far. */
export interface OpenPoll {
  id: number;
  options: Array<{ en: string } & Partial<Record<Locale, string>>>;
  /** The option they chose (from 1), or null before they answer. */
  myVote: number | null;
}

/** How to reach a member to tell them something, in their language. */
export interface Reach {
  phone: string | null;
  telegramId: number | null;
  locale: Locale;
  optedOut: boolean;
  lastChannel: Channel | null;
  telegramBlocked: boolean;
}

/** A notice on the members' board: an offer of help or an ask for it. */
export interface Post {
  id: number;
  /** "P" and three digits: apart from requests' and bookings' plain digits. */
  code: string;
  kind: "offer" | "ask";
  body: string;
  /** Activity tags (core/posts.ts tagsOf), the same in every language: what matching compares. */
  tags: string[];
  status: "waiting" | "open" | "closed" | "expired" | "refused";
  memberId: number;
  /** The poster's first name: all anyone else is shown before both agree. */
  firstName: string;
  poster: Reach;
  expiresAt: string;
  createdAt: string;
}

/** A member's reply to a post: the poster is asked before either number is shared. */
export interface PostLink {
  id: number;
  postId: number;
  memberId: number;
  firstName: string;
  member: Reach;
  status: "asked" | "shared" | "declined";
  createdAt: string;
}

/** A booking: credits held for an event or offer until the partner redeems the code. */
export interface Booking {
  id: number;
  code: string;
  memberId: number;
  memberName: string;
  /** How to reach the member (to tell them a booking was redeemed). */
  member: {
    phone: string | null;
    telegramId: number | null;
    locale: Locale;
    optedOut: boolean;
    lastChannel: Channel | null;
    telegramBlocked: boolean;
  };
  partnerId: string;
  itemKind: "event" | "offer";
  itemId: string;
  /** The event's or offer's title, also once the event has started (no longer among the items). */
  title: Partial<Record<Locale, string>> | null;
  places: number;
  minutes: number;
  status: "held" | "redeemed" | "cancelled" | "released";
  startsAt: string | null;
  settledBy: string | null;
  settledAt: string | null;
}

/** A member a partner may log hours for: found by a number in the message, or known to the partner. */
export interface KnownMember {
  id: number;
  name: string;
  phone: string | null;
  telegramId: number | null;
  locale: Locale;
  consented: boolean;
  optedOut: boolean;
  lastChannel: Channel | null;
  telegramBlocked: boolean;
  available: number;
}

/** A stored row as plain values, for a member's copy of their data. */
export type StoredRow = Record<string, string | number | null>;

/** Everything held about a member, read only for MY DATA. */
export interface PersonalData {
  member: StoredRow;
  entries: StoredRow[];
  bookings: StoredRow[];
  checkins: StoredRow[];
  /** The texts they sent that are still kept. */
  messages: StoredRow[];
  /** Messages sent to them that are still kept. */
  sentToThem: StoredRow[];
  /** What they put on the members' board. */
  posts: StoredRow[];
}

/** What the engine may know about the sender and the scheme, read in one batch before it runs. */
export interface Facts {
  channel: Channel;
  address: string;
  member: Member | null;
  partners: Partner[];
  balance: Balance;
  /** The member's latest entries, newest first (at most five). */
  history: LedgerEntry[];
  /** Minutes already logged (not rejected) per local day, for the last 31 days. */
  dayMinutes: Record<string, number>;
  scheme: SchemeFacts;
  /** Every partner contact (to send requests to). */
  contacts: Contact[];
  /** The contact rows this sender is (a person may speak for several partners). */
  asContact: Contact[];
  /** Requests of the sender's partners: open ones, and ones settled in the last weeks. */
  requests: PartnerRequest[];
  /**
   * Codes in use among this message's candidates (core/requests.ts codesToCheck(seed)): of open
   * requests, by partner, and of held bookings under "#bookings". A new code must not clash.
   */
  openCodes: Record<string, string[]>;
  /** Members the sender's partners may log for, with their logged minutes per day. */
  knownMembers: KnownMember[];
  memberDayMinutes: Record<number, Record<string, number>>;
  /** The sender's open check-in, if any. */
  checkin: { id: number; partnerId: string; startedAt: string } | null;
  /**
   * Set when a partner logged hours for this number before it joined: what joining makes theirs, and
   * what it cannot, because the number is a contact of the partner that logged them (no one credits
   * themselves).
   */
  invited: { waitingMinutes: number; refusedMinutes: number } | null;
  /** The member's own requests still waiting for a partner, and whether any earning of theirs was confirmed yet. */
  openRequests: number;
  confirmedOnce: boolean;
  /** What there is to spend on, and the sender's bookings. */
  items: SpendItem[];
  bookings: Booking[];
  /** Bookings at the partners the sender speaks for (to redeem). */
  partnerBookings: Booking[];
  /** True when the member has booked more than one place before (family events rank higher). */
  familyBooker: boolean;
  /** Minutes the member has given away in the last 7 days. */
  giftedThisWeek: number;
  /** Members this member has given to before (GIVE by name). */
  giftees: KnownMember[];
  /** For a shared phone number: the member who already has it, if any. */
  phoneMember: Member | null;
  /** New numbers the sender has invited today (read only for LOG and GIVE; 0 otherwise). */
  invitedToday: number;
  /**
   * The board, read only for a message about posts (core/read-plan.ts): live posts, newest first,
   * and the sender's own of the last month.
   */
  posts: Post[];
  /** Replies to the sender's posts, and the sender's own replies to others'. */
  postLinks: PostLink[];
  /** Helpers' DONE claims waiting for the sender's YES or NO (read with the board). */
  helpClaims: HelpClaim[];
  /** Post codes in use among this message's candidates (core/posts.ts postCodeCandidates). */
  takenPostCodes: string[];
  /** Minutes paid for help through each post (by id) in the last 7 days: the per-post weekly cap. */
  postPaidThisWeek: Record<number, number>;
  /** Read only for a message that could answer a poll (a number, a few words): core/read-plan.ts. */
  openPoll: OpenPoll | null;
  /** Invitations to events waiting for the sender's answer (read for a message naming a G-code). */
  invites: EventInvite[];
  /** A random number for codes; injected so a step stays deterministic. */
  seed: number;
  hintLocale?: Locale;
  profileName?: string;
  /** Read only when the message is MY DATA. */
  personalData?: PersonalData | null;
}

export type Effect =
  | { type: "reply"; reply: Reply }
  | { type: "createMember"; name: string; locale: Locale }
  | { type: "updateMember"; locale?: Locale; optedOut?: boolean; plainSms?: boolean }
  /** The member chose where the bot writes to them (WHATSAPP, SMS): it wins over the channel used last. */
  | { type: "chooseChannel"; channel: Channel }
  /** The answer to "Have you volunteered before?"; kept only when none is stored yet. */
  | { type: "setVolunteeredBefore"; value: boolean }
  | {
      type: "postEarning";
      minutes: number;
      partnerId: string;
      activity: string | null;
      day: string;
      /** The request code partners answer with; absent when no confirmation is needed. */
      code?: string;
      status?: "pending" | "confirmed";
      /** Who logged it when not the member: "contact:<id>". */
      loggedBy?: string;
      /** The member it is for, when not the sender: by id, or by phone for an invited number. */
      forMember?: { id: number } | { phone: string };
    }
  | {
      type: "settleEarning";
      entryId: number;
      status: "confirmed" | "rejected";
      by: string;
      reason: string | null;
    }
  | {
      type: "notify";
      channel: Channel;
      address: string;
      locale: Locale;
      reply: Reply;
      notice?: RequestNotice;
    }
  | { type: "inviteMember"; phone: string; locale: Locale }
  | { type: "claimWaiting" }
  | { type: "checkIn"; partnerId: string }
  | { type: "checkOut"; checkinId: number }
  /** Telegram: this chat becomes the member who has this phone number (merging an empty Telegram-only member). */
  | { type: "linkPhone"; phone: string; into: "phoneMember" | "thisMember"; dropMemberId?: number }
  | {
      type: "hold";
      code: string;
      partnerId: string;
      item: { kind: "event" | "offer"; id: string; capacity: number | null; startsAt: string | null };
      places: number;
      minutes: number;
      /** A place the sender pays for another member (BOOK … FOR): theirs to use, the sender's credits. */
      forMemberId?: number;
    }
  | { type: "cancelBooking"; bookingId: number }
  /** BOOK 1 FOR Kasia: she is asked (G-code); a place the booker pays for is held now as their booking. */
  | {
      type: "inviteToEvent";
      code: string;
      eventId: string;
      toMemberId: number;
      payer: EventInvite["payer"];
      /** The code of the booker's hold for her place, in the same batch (payer "booker"). */
      bookingCode: string | null;
    }
  | { type: "answerInvite"; inviteId: number; status: "accepted" | "declined" }
  | { type: "redeemBooking"; bookingId: number; by: string }
  | {
      type: "createPost";
      code: string;
      kind: Post["kind"];
      body: string;
      tags: string[];
      status: "waiting" | "open";
      expiresAt: string;
    }
  /** The sender replies to a post: a link, asked until the poster says YES or NO. */
  | { type: "linkPost"; postId: number }
  | { type: "answerLink"; linkId: number; status: "shared" | "declined" }
  /** The poster closes or renews their own post. */
  | { type: "closePost"; postId: number }
  | { type: "renewPost"; postId: number; expiresAt: string }
  /** A post settled outside a conversation: approved or refused by the coordinator, ended by the job. */
  | {
      type: "settlePost";
      postId: number;
      status: "open" | "refused" | "expired";
      by: string;
      /** On approval: when it ends, counted from the approval. */
      expiresAt?: string;
    }
  /** A poll answered (or answered again: the later answer replaces the earlier). */
  | { type: "vote"; pollId: number; option: number }
  /** IDEA …: what a member would like the scheme to offer, for the coordinator to poll. */
  | { type: "createIdea"; body: string }
  /** POLL … from a partner's contact: a poll the coordinator reviews, prices and sends. */
  | { type: "proposePoll"; partnerId: string; contactId: number; question: string; options: string[] }
  /** DONE P482 2: the helper asks the member they helped to confirm; nothing moves yet. */
  | { type: "claimHelp"; postId: number; helpedId: number; minutes: number }
  | { type: "answerClaim"; claimId: number; status: "paid" | "declined" }
  /** Help paid for: the sender's credits to the helper, tied to the post (a gift's rules and caps). */
  | { type: "payHelp"; minutes: number; to: { id: number }; postId: number }
  /** The job told the poster their post ends soon (once per post until it is renewed). */
  | { type: "remindPost"; postId: number }
  /** A held booking settled outside a conversation: its event cancelled, or not used in time. */
  | {
      type: "settleBooking";
      bookingId: number;
      outcome: "cancelled" | "released";
      by: string;
      /** Guarded: a booking no longer held aborts the batch (a cancellation); else it is skipped. */
      guarded: boolean;
    }
  | { type: "gift"; minutes: number; to: { id: number } | { phone: string } }
  | { type: "setNudges"; on: boolean }
  | { type: "markTipsAsked"; memberId: number }
  | {
      type: "createEvent";
      event: {
        id: string;
        partnerId: string;
        title: Partial<Record<Locale, string>>;
        startsAt: string;
        cost: number;
        capacity: number | null;
      };
    }
  | { type: "forgetConversation" }
  /** A file for the sender on their own channel (Telegram: a document), sent after the replies. */
  | { type: "sendFile"; filename: string; content: string }
  /**
   * DELETE ME: the member's name, number and Telegram id are erased and their message texts purged;
   * the ledger stays under the (now anonymous) member id. Carries what to look for in stored texts.
   */
  | { type: "forgetMember"; memberId: number; name: string; phone: string | null; telegramId: number | null };

/** Something the engine reacts to: a text (or a pressed button, given as the text it stands for), or a shared phone number. */
export type EngineEvent =
  | { type: "message"; text: string }
  | { type: "contact"; phone: string | null; own: boolean }
  /** A photo or a voice note with no text: the bot can only say it reads text. */
  | { type: "media" };

export interface StepResult {
  snapshot: Snapshot;
  effects: Effect[];
  /** The language the replies are written in. */
  locale: Locale;
}

export type { Activity };
