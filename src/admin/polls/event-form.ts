// "Make this an event": which option, the partner, when, the cost and the places. Checked by the
// events form's own rules (the option's words are the title), then handed to pollToEvent; errors are
// translation keys beside their fields.
import type { LocalText } from "../../core/polls.ts";
import { type FormErrors, parseEventForm } from "../events/form.ts";

export interface PollEventValues {
  option: string;
  partner: string;
  startsAt: string;
  cost: string;
  capacity: string;
}

export const blankPollEvent = (option = ""): PollEventValues => ({
  option,
  partner: "",
  startsAt: "",
  cost: "1",
  capacity: "",
});

export function readPollEventForm(body: Record<string, unknown>): PollEventValues {
  const str = (k: string) => (typeof body[k] === "string" ? (body[k] as string).slice(0, 100).trim() : "");
  return {
    option: str("option"),
    partner: str("partner"),
    startsAt: str("startsAt"),
    cost: str("cost"),
    capacity: str("capacity"),
  };
}

export type CheckedPollEvent =
  | {
      ok: true;
      input: { option: number; partner: string; startsAt: string; cost: number; capacity: number | null };
    }
  | { ok: false; errors: FormErrors };

export function parsePollEventForm(v: PollEventValues, options: LocalText[]): CheckedPollEvent {
  const option = /^\d{1,2}$/.test(v.option) ? Number(v.option) : 0;
  const chosen = options[option - 1];
  const parsed = parseEventForm({
    partner: v.partner,
    title: { en: chosen?.en ?? "-", pl: chosen?.pl ?? "", lv: chosen?.lv ?? "" },
    startsAt: v.startsAt,
    cost: v.cost,
    capacity: v.capacity,
    community: true,
    family: false,
    minPlaces: "",
    decideBy: "",
  });
  const errors: FormErrors = parsed.ok ? {} : { ...parsed.errors };
  // The title is the option's words: a problem with it is a problem with the option chosen.
  for (const path of Object.keys(errors))
    if (path.startsWith("title")) {
      errors.option ??= errors[path] as string;
      delete errors[path];
    }
  if (!chosen) errors.option = "polls:errors.option";
  if (!parsed.ok || !chosen) return { ok: false, errors };
  const { partner, startsAt, cost, capacity } = parsed.input;
  return { ok: true, input: { option, partner, startsAt, cost, capacity } };
}
