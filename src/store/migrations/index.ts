// The ordered list of schema migrations. Add a file NNNN_name.ts and list it here.
import init from "./0001_init.ts";
import confirmations from "./0002_confirmations.ts";
import telegram from "./0003_telegram.ts";
import spending from "./0004_spending.ts";
import admin from "./0005_admin.ts";
import privacy from "./0006_privacy.ts";
import abuse from "./0007_abuse.ts";
import memberProfile from "./0008_member_profile.ts";
import eventsAdmin from "./0009_events_admin.ts";
import broadcasts from "./0010_broadcasts.ts";
import reportIndexes from "./0011_report_indexes.ts";
import openCodeLookup from "./0012_open_code_lookup.ts";
import offerWithdrawn from "./0013_offer_withdrawn.ts";
import erasures from "./0014_erasures.ts";
import demoMarker from "./0015_demo_marker.ts";
import selfCredit from "./0016_self_credit.ts";
import notifyDigest from "./0017_notify_digest.ts";
import adminSessions from "./0018_admin_sessions.ts";
import whatsapp from "./0019_whatsapp.ts";
import outboxLease from "./0020_outbox_lease.ts";
import posts from "./0021_posts.ts";
import polls from "./0022_polls.ts";
import eventThreshold from "./0023_event_threshold.ts";
import eventInvites from "./0024_event_invites.ts";
import helpClaims from "./0025_help_claims.ts";
import pollProposals from "./0026_poll_proposals.ts";
import schemeVersion from "./0027_scheme_version.ts";
import lighterIndexes from "./0028_lighter_indexes.ts";
import oneOpenCodeIndex from "./0029_one_open_code_index.ts";

export const migrations: ReadonlyArray<{ id: number; name: string; sql: string }> = [
  { id: 1, name: "init", sql: init },
  { id: 2, name: "confirmations", sql: confirmations },
  { id: 3, name: "telegram", sql: telegram },
  { id: 4, name: "spending", sql: spending },
  { id: 5, name: "admin", sql: admin },
  { id: 6, name: "privacy", sql: privacy },
  { id: 7, name: "abuse", sql: abuse },
  { id: 8, name: "member_profile", sql: memberProfile },
  { id: 9, name: "events_admin", sql: eventsAdmin },
  { id: 10, name: "broadcasts", sql: broadcasts },
  { id: 11, name: "report_indexes", sql: reportIndexes },
  { id: 12, name: "open_code_lookup", sql: openCodeLookup },
  { id: 13, name: "offer_withdrawn", sql: offerWithdrawn },
  { id: 14, name: "erasures", sql: erasures },
  { id: 15, name: "demo_marker", sql: demoMarker },
  { id: 16, name: "self_credit", sql: selfCredit },
  { id: 17, name: "notify_digest", sql: notifyDigest },
  { id: 18, name: "admin_sessions", sql: adminSessions },
  { id: 19, name: "whatsapp", sql: whatsapp },
  { id: 20, name: "outbox_lease", sql: outboxLease },
  { id: 21, name: "posts", sql: posts },
  { id: 22, name: "polls", sql: polls },
  { id: 23, name: "event_threshold", sql: eventThreshold },
  { id: 24, name: "event_invites", sql: eventInvites },
  { id: 25, name: "help_claims", sql: helpClaims },
  { id: 26, name: "poll_proposals", sql: pollProposals },
  { id: 27, name: "scheme_version", sql: schemeVersion },
  { id: 28, name: "lighter_indexes", sql: lighterIndexes },
  { id: 29, name: "one_open_code_index", sql: oneOpenCodeIndex },
];
