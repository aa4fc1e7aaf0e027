// The scheduled job (Cron Trigger on Workers, a timer on Node, `timecredits tick` by hand):
// one reminder digest per partner contact for requests open too long, expiry of requests open
// far too long (telling the member), a question about forgotten check-outs, the purge of message
// texts past the scheme's retention period, the members' board (jobs/posts.ts), events that go ahead
// only with enough people (services/decide-events.ts), then the outbox.
import { type Rendered, renderFor } from "../channels/render.ts";
import type { TextOptions } from "../channels/render-text.ts";
import type { PartnerRequest } from "../core/engine-types.ts";
import { clockTime, dayText, hoursText, localDay, shortDate } from "../core/format.ts";
import { addressOf, requestReply } from "../core/requests.ts";
import { inQuietHours, inReminderHours } from "../core/schedule.ts";
import type { Channel, Contact, Locale, Partner, Reply } from "../core/types.ts";
import type { Deps } from "../deps.ts";
import { partnersQuery, rowsToPartners, schemeQuery } from "../scheme/store.ts";
import { decideEvents } from "../services/decide-events.ts";
import { toMember } from "../store/conversation-read.ts";
import { type InStatement, sql } from "../store/db.ts";
import { queueMessage } from "../store/outbox.ts";
import { contactsQuery, toContact, toRequest } from "../store/partner-read.ts";
import { settingsOfRow } from "../store/settings.ts";
import { deliverDue, releaseStaleLeases } from "./outbox.ts";
import { postJobs } from "./posts.ts";
import { retentionStatements } from "./retention.ts";
import { spendingJobs } from "./spending.ts";

export interface TickReport {
  reminded: number;
  expired: number;
  askedCheckouts: number;
  released: number;
  giftsReturned: number;
  nudged: number;
  /** Members' posts taken down because their time was up, and posts whose poster was reminded. */
  postsEnded: number;
  postsReminded: number;
  /** Events with a minimum decided at their decision time: going ahead, and called off. */
  eventsOn: number;
  eventsCalledOff: number;
  /** Inbound bodies and sent texts erased because they were older than the retention period. */
  purged: number;
}

/**
 * `staleLeaseMs`: on Workers, outbox rows claimed longer ago than this by a deliverer that is gone are
 * released first (Node releases them at start-up instead, where a live deliverer may take longer).
 */
export async function tick(
  deps: Deps,
  options: { staleLeaseMs?: number } = {},
): Promise<TickReport & { sent: number }> {
  const now = deps.now();
  const tz = deps.config.timezone;
  // Reminders and check-out questions go out only in their daytime window, scheme time.
  const daytime = inReminderHours(now, tz);
  const [scheme, partnerRows, contactRows, pending, checkins] = await deps.db.batch(
    [
      schemeQuery(),
      partnersQuery(),
      contactsQuery(),
      sql(
        `SELECT l.id, l.code, l.partner_id, l.member_id, l.minutes, l.activity, l.day, l.status, l.settled_by,
                l.settled_at, l.created_at, l.reminded_at, m.name, m.locale, m.phone, m.telegram_id, m.opted_out,
                m.last_channel, m.telegram_blocked, m.consent_at, 0 AS available
         FROM ledger_entries l JOIN members m ON m.id = l.member_id
         WHERE l.kind = 'earning' AND l.status = 'pending' ORDER BY l.id`,
      ),
      sql(
        `SELECT c.id, c.partner_id, c.started_at, m.* FROM checkins c JOIN members m ON m.id = c.member_id
         WHERE c.closed_at IS NULL AND c.asked_at IS NULL`,
      ),
    ],
    "read",
  );
  const settings = settingsOfRow(scheme?.rows[0]);
  const partners = rowsToPartners(partnerRows?.rows ?? []);
  const contacts = (contactRows?.rows ?? []).map(toContact);
  const rows = pending?.rows ?? [];
  const render = (channel: Channel, locale: Locale, reply: Reply, options?: TextOptions) =>
    renderFor(deps.i18n.t, channel, locale, reply, options);
  const queue = (
    where: { channel: Channel; address: string } | null,
    locale: Locale,
    reply: Reply,
  ): InStatement[] =>
    where ? render(where.channel, locale, reply).map((r) => queueMessage({ ...where, ...r }, now)) : [];
  // Retention first, so its counts are the first results of the write batch.
  const retention = retentionStatements(now, settings);
  const writes: InStatement[] = [...retention];
  const iso = now.toISOString();

  // Expiry first: an expired request is not also reminded.
  const expireBefore = now.getTime() - settings.expiryDays * 86_400_000;
  const expired = rows.filter((r) => Date.parse(String(r.created_at)) <= expireBefore);
  for (const r of expired) {
    writes.push(
      sql(
        "UPDATE ledger_entries SET status = 'expired', settled_at = ?, settled_by = 'system' WHERE id = ? AND status = 'pending'",
        iso,
        Number(r.id),
      ),
    );
    const request = toRequest(r);
    const partner = partners.find((p) => p.id === request.partnerId);
    const where = addressOf({
      phone: request.memberPhone,
      telegramId: request.memberTelegramId,
      lastChannel: request.memberLastChannel,
      telegramBlocked: request.memberTelegramBlocked,
    });
    if (!where || request.memberOptedOut || r.consent_at === null) continue;
    const l = request.memberLocale;
    const reply = {
      key: "earning.expired" as const,
      params: {
        name: partner?.name ?? request.partnerId,
        hours: hoursText(request.minutes, l),
        day: dayText(request.day, l),
      },
    };
    writes.push(...queue(where, l, reply));
  }

  // One digest per contact of each partner whose requests have waited long enough.
  let reminded = 0;
  if (daytime) {
    const remindBefore = now.getTime() - settings.reminderHours * 3_600_000;
    const due = rows.filter(
      (r) =>
        r.code !== null &&
        r.reminded_at === null &&
        Date.parse(String(r.created_at)) <= remindBefore &&
        !expired.includes(r),
    );
    for (const partner of partners) {
      const mine = due.filter((r) => r.partner_id === partner.id).map(toRequest);
      if (!mine.length) continue;
      reminded += mine.length;
      for (const contact of contacts.filter((c) => c.partnerId === partner.id))
        writes.push(...digest(partner, contact, mine, render, now));
      for (const r of mine)
        writes.push(sql("UPDATE ledger_entries SET reminded_at = ? WHERE id = ?", iso, r.entryId));
    }
  }

  // A check-in left open past midnight is asked about once, next morning, and never counted by itself.
  let asked = 0;
  const today = localDay(now, tz);
  for (const row of daytime ? (checkins?.rows ?? []) : []) {
    const started = String(row.started_at);
    if (localDay(new Date(started), tz) >= today) continue;
    const member = toMember(row);
    const partner = partners.find((p) => p.id === String(row.partner_id));
    const where = addressOf(member);
    writes.push(
      sql(
        "UPDATE checkins SET asked_at = ?, closed_at = ? WHERE id = ? AND asked_at IS NULL",
        iso,
        iso,
        Number(row.id),
      ),
    );
    asked++;
    if (!where || member.optedOut || !partner) continue;
    const day = localDay(new Date(started), tz);
    const params = {
      name: partner.name,
      day: dayText(day, member.locale),
      time: clockTime(started, tz),
      alias: partner.aliases[0] ?? partner.id,
      date: shortDate(day, member.locale),
    };
    writes.push(...queue(where, member.locale, { key: "checkin.forgot", params }));
  }

  const spending = await spendingJobs(deps, {
    now,
    settings,
    partners,
    render,
    nudgeTime: !inQuietHours(now, tz),
  });
  writes.push(...spending.statements);
  // The board writes its own batch: a post closed or renewed meanwhile is skipped, not the whole tick.
  const posts = await postJobs(deps, { now, settings, render });
  // Events with a minimum whose decision time has come: one batch each (services/decide-events.ts).
  const decided = await decideEvents(deps, now);
  const written = await deps.db.batch(writes, "write");
  const purged = (written[0]?.rowsAffected ?? 0) + (written[1]?.rowsAffected ?? 0);
  if (options.staleLeaseMs !== undefined)
    await releaseStaleLeases(deps, new Date(now.getTime() - options.staleLeaseMs));
  const delivered = await deliverDue(deps);
  const report: TickReport = {
    reminded,
    expired: expired.length,
    askedCheckouts: asked,
    released: spending.released,
    giftsReturned: spending.returned,
    nudged: spending.nudged,
    postsEnded: posts.ended,
    postsReminded: posts.reminded,
    eventsOn: decided.on.length,
    eventsCalledOff: decided.off.length,
    purged,
  };
  deps.log.info("tick", { ...report, sent: delivered.sent });
  return { ...report, sent: delivered.sent };
}

/** One message listing a partner's waiting requests, in the contact's language. */
function digest(
  partner: Partner,
  contact: Contact,
  requests: PartnerRequest[],
  render: (channel: Channel, l: Locale, r: Reply) => Rendered[],
  now: Date,
): InStatement[] {
  const where = addressOf(contact);
  if (!where) return [];
  const lines = requests.map((r) => requestReply(partner, r, contact.locale, "partner.line"));
  const reply: Reply = {
    key: "partner.reminder",
    params: { count: requests.length },
    lines: lines.map((l) => ({ key: l.key, params: l.params ?? {} })),
  };
  // A digest is one message: lines that do not fit are dropped by the renderer, never split off.
  const [message] = render(where.channel, contact.locale, reply);
  return message ? [queueMessage({ ...where, ...message }, now)] : [];
}
