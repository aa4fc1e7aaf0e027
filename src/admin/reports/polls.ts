// Polls before events for a period: the polls sent in it, the members each was sent to and those who
// answered (whenever they did), turnout, and the members' ideas: received in the period, and put to a
// poll sent in it.
import type { LocalText } from "../../core/polls.ts";
import { type Db, sql } from "../../store/db.ts";
import { num, text } from "./ledger.ts";
import type { Bounds } from "./period.ts";

export interface PollTurnout {
  recipients: number;
  voters: number;
  /** voters ÷ recipients, to four decimals; null when the poll reached nobody. */
  turnout: number | null;
}

export interface PollsReport extends PollTurnout {
  sent: number;
  ideasReceived: number;
  ideasPolled: number;
  /** Polls sent in the period that became an event. */
  becameEvents: number;
  /** Each poll sent in the period, oldest first. */
  polls: Array<{ id: number; question: LocalText; sentAt: string; eventId: string | null } & PollTurnout>;
}

export const turnoutOf = (voters: number, recipients: number): number | null =>
  recipients > 0 ? Math.round((voters / recipients) * 10_000) / 10_000 : null;

const parsed = (value: unknown): LocalText => {
  try {
    return JSON.parse(text(value)) as LocalText;
  } catch {
    return { en: "" };
  }
};

export async function loadPolls(db: Db, b: Bounds): Promise<PollsReport> {
  const [polls, ideas] = await db.batch(
    [
      // A vote counts only from a member the poll was sent to (the writer allows no other).
      sql(
        `SELECT p.id, p.question, p.created_at, p.event_id,
           (SELECT COUNT(*) FROM poll_recipients r WHERE r.poll_id = p.id) AS recipients,
           (SELECT COUNT(*) FROM poll_votes v JOIN poll_recipients r
              ON r.poll_id = v.poll_id AND r.member_id = v.member_id WHERE v.poll_id = p.id) AS voters
         FROM polls p WHERE p.created_at >= ? AND p.created_at < ? ORDER BY p.created_at, p.id`,
        b.start,
        b.end,
      ),
      sql(
        `SELECT
           (SELECT COUNT(*) FROM ideas WHERE created_at >= ? AND created_at < ?) AS received,
           (SELECT COUNT(*) FROM ideas i JOIN polls p ON p.id = i.poll_id
             WHERE p.created_at >= ? AND p.created_at < ?) AS polled`,
        b.start,
        b.end,
        b.start,
        b.end,
      ),
    ],
    "read",
  );
  const list = (polls?.rows ?? []).map((r) => ({
    id: num(r.id),
    question: parsed(r.question),
    sentAt: text(r.created_at),
    eventId: r.event_id === null || r.event_id === undefined ? null : text(r.event_id),
    recipients: num(r.recipients),
    voters: num(r.voters),
    turnout: turnoutOf(num(r.voters), num(r.recipients)),
  }));
  const recipients = list.reduce((s, p) => s + p.recipients, 0);
  const voters = list.reduce((s, p) => s + p.voters, 0);
  return {
    sent: list.length,
    recipients,
    voters,
    turnout: turnoutOf(voters, recipients),
    ideasReceived: num(ideas?.rows[0]?.received),
    ideasPolled: num(ideas?.rows[0]?.polled),
    becameEvents: list.filter((p) => p.eventId !== null).length,
    polls: list,
  };
}
