// The main flows, as units of messages: a unit is what one person says in order (one message, or a
// whole step-by-step conversation); units from different people may run side by side. Each flow
// prepares what it needs (fresh members, credits, open requests) untimed, and checks afterwards that
// every unit had its effect in the database.
import type { Hono } from "hono";
import {
  type Person,
  rows,
  type Send,
  sendSms,
  sendTelegram,
  sendText,
  tgUser,
  type World,
  YES_PARTNERS,
} from "./setup.ts";
import { pressUpdate } from "./wire.ts";

export type Channel = "sms" | "telegram";

export interface Plan {
  units: Send[][];
  /** How many units had their effect (a ledger entry, a settled request, a booking …). */
  check(): Promise<number>;
}

export interface Flow {
  key: string;
  name: string;
  /** Messages in one unit. */
  length: number;
  prepare(world: World, channel: Channel, units: number): Promise<Plan>;
}

/** Says `text` as this person on this channel. */
function say(channel: Channel, p: Person, text: string): Send {
  return channel === "sms" ? sendSms(p.phone, text) : sendText(tgUser(p), text);
}

/** Sends every unit, `concurrency` at a time, untimed; throws on any answer other than 200. */
export async function drive(target: Hono, units: Send[][], concurrency = 8): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < units.length) {
      const unit = units[next++] ?? [];
      for (const send of unit) {
        const res = await send(target);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`setup message answered ${res.status}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Fresh members who have written once already (so the measured message is not their first). */
async function members(world: World, channel: Channel, n: number): Promise<Person[]> {
  const people = world.take(channel, n);
  await drive(
    world.app,
    people.map((p) => [say(channel, p, "HELP")]),
  );
  return people;
}

const inList = (people: Person[]) => people.map((p) => `'${p.phone}'`).join(", ");

async function count(world: World, text: string): Promise<number> {
  const [row] = await rows(world, text);
  return Number(row?.n ?? 0);
}

export const balance: Flow = {
  key: "balance",
  name: "balance (SALDO)",
  length: 1,
  async prepare(world, channel, units) {
    // A pool much larger than the messages in flight, so no two run for the same person at once.
    const pool = await members(world, channel, Math.min(units, 64));
    return {
      units: Array.from({ length: units }, (_, i) => [
        say(channel, pool[i % pool.length] as Person, "SALDO"),
      ]),
      // A balance changes nothing but the inbound record; checked by the inbound count in run.ts.
      check: async () => units,
    };
  },
};

export const oneLineLog: Flow = {
  key: "log-line",
  name: "one-line log (LOG 2 staithe)",
  length: 1,
  async prepare(world, channel, units) {
    const people = await members(world, channel, units);
    return {
      units: people.map((p) => [say(channel, p, "LOG 2 staithe")]),
      check: () =>
        count(
          world,
          `SELECT COUNT(*) AS n FROM ledger_entries l JOIN members m ON m.id = l.member_id
           WHERE l.partner_id = 'staithe' AND l.minutes = 120 AND m.phone IN (${inList(people)})`,
        ),
    };
  },
};

export const stepLog: Flow = {
  key: "log-steps",
  name: "step-by-step log (LOG, 1, 2, SKIP, 1)",
  length: 5,
  async prepare(world, channel, units) {
    const people = await members(world, channel, units);
    return {
      units: people.map((p) => ["LOG", "1", "2", "SKIP", "1"].map((text) => say(channel, p, text))),
      check: () =>
        count(
          world,
          `SELECT COUNT(*) AS n FROM ledger_entries l JOIN members m ON m.id = l.member_id
           WHERE l.partner_id = 'staithe' AND l.minutes = 120 AND m.phone IN (${inList(people)})`,
        ),
    };
  },
};

export const partnerYes: Flow = {
  key: "partner-yes",
  name: "partner YES (fresh code)",
  length: 1,
  async prepare(world, channel, units) {
    // One open request per unit, spread over four partners; members log them by SMS.
    const loggers = world.take("sms", units);
    await drive(
      world.app,
      loggers.map((p, i) => [
        sendSms(p.phone, `LOG 2 ${YES_PARTNERS[i % YES_PARTNERS.length]?.alias ?? "oasis"}`),
      ]),
    );
    const open = await rows(
      world,
      `SELECT l.id, l.code, l.partner_id FROM ledger_entries l JOIN members m ON m.id = l.member_id
       WHERE l.status = 'pending' AND m.phone IN (${inList(loggers)}) ORDER BY l.id`,
    );
    if (open.length !== units) throw new Error(`partner YES: ${open.length} requests open, wanted ${units}`);
    const byPartner = new Map<string, Array<{ id: number; code: string }>>();
    for (const r of open) {
      const list = byPartner.get(String(r.partner_id)) ?? [];
      list.push({ id: Number(r.id), code: String(r.code) });
      byPartner.set(String(r.partner_id), list);
    }
    // Round robin over partners, and over each partner's contacts: with 8 contacts a partner and
    // 4 partners, the same contact comes back every 32 units, never twice in flight.
    const sends: Send[][] = [];
    const ids: number[] = [];
    for (let k = 0; sends.length < units; k++) {
      const partner = YES_PARTNERS[k % YES_PARTNERS.length]?.id ?? "";
      const request = byPartner.get(partner)?.shift();
      if (!request) continue;
      const contacts = world.contacts[partner] ?? [];
      const contact = contacts[Math.floor(k / YES_PARTNERS.length) % contacts.length] as Person;
      ids.push(request.id);
      sends.push([
        channel === "sms"
          ? sendSms(contact.phone, `YES ${request.code}`)
          : // On Telegram a contact presses the ✅ button under the request.
            sendTelegram(() => pressUpdate(tgUser(contact), `c:${request.code}:y`, 1)),
      ]);
    }
    return {
      units: sends,
      check: () =>
        count(
          world,
          `SELECT COUNT(*) AS n FROM ledger_entries WHERE status = 'confirmed' AND id IN (${ids.join(", ")})`,
        ),
    };
  },
};

/** The contact who logs credits for members in bulk (Dave, Clarkson Adventure Playground). */
const FUNDER = "+447700900006";

export const booking: Flow = {
  key: "booking",
  name: "event booking (EVENTS, 1, 1, YES)",
  length: 4,
  async prepare(world, channel, units) {
    const people = await members(world, channel, units);
    // Credits from a partner's bulk LOG: confirmed at once, 3 credits each.
    const groups: Send[][] = [];
    for (let i = 0; i < people.length; i += 40) {
      const phones = people.slice(i, i + 40).map((p) => p.phone);
      groups.push([sendSms(FUNDER, `LOG 3 ${phones.join(" ")}`)]);
    }
    await drive(world.app, groups, 1);
    return {
      units: people.map((p) => ["EVENTS", "1", "1", "YES"].map((text) => say(channel, p, text))),
      check: () =>
        count(
          world,
          `SELECT COUNT(*) AS n FROM bookings b JOIN members m ON m.id = b.member_id
           WHERE b.status = 'held' AND m.phone IN (${inList(people)})`,
        ),
    };
  },
};

export const FLOWS: Flow[] = [balance, oneLineLog, stepLog, partnerYes, booking];
