// Conversation transcripts: a person's messages go through POST /sms (signed as Twilio signs them)
// and everything they receive is written as readable text, compared with test/golden/<name>.txt.
// `UPDATE_GOLDEN=1 npx vitest run` rewrites (or writes missing) golden files; review the diff before
// committing. Without it a missing golden file fails the test.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { expect } from "vitest";
import type { Harness } from "./harness.ts";

export interface Turn {
  from: string;
  /** The message, or a function that works it out when its turn comes (e.g. a request code). */
  text: string | (() => Promise<string>);
  /** Move the clock before this message. */
  at?: string;
  /** Run the scheduled job (reminders, expiry) instead of sending a message. */
  tick?: boolean;
}

/** Messages the app sent to other people through the (fake) Twilio REST API. */
export interface Outbound {
  calls: Array<{ to: string; body: string }>;
}

/** Sends each turn and returns the transcript: "> text" lines, then "< reply" blocks. */
export async function play(h: Harness, turns: Turn[], outbound?: Outbound): Promise<string> {
  const out: string[] = [];
  let lastFrom = "";
  let seen = outbound?.calls.length ?? 0;
  const showOutbound = async () => {
    if (!outbound) return;
    await h.flush();
    for (const call of outbound.calls.slice(seen)) {
      out.push(
        call.body
          .split("\n")
          .map((line, i) => `${i ? "  " : `» ${call.to}: `}${line}`)
          .join("\n"),
      );
    }
    seen = outbound.calls.length;
  };
  for (const turn of turns) {
    if (turn.at) {
      h.setNow(turn.at);
      out.push(`@ ${turn.at}`);
    }
    if (turn.tick) {
      const { tick } = await import("../../src/jobs/tick.ts");
      const report = await tick(h.deps);
      out.push(
        `~ tick: reminded ${report.reminded}, expired ${report.expired}, asked ${report.askedCheckouts}`,
      );
      await showOutbound();
      continue;
    }
    if (turn.from !== lastFrom) out.push(`# ${turn.from}`);
    lastFrom = turn.from;
    const text = typeof turn.text === "string" ? turn.text : await turn.text();
    const { status, messages } = await h.sms(turn.from, text);
    out.push(`> ${text}`);
    if (status !== 200) out.push(`! HTTP ${status}`);
    if (!messages.length) out.push("(no reply)");
    for (const m of messages)
      out.push(
        m
          .split("\n")
          .map((line) => `< ${line}`)
          .join("\n"),
      );
    await showOutbound();
  }
  return `${out.join("\n")}\n`;
}

/** The code of the newest request to a partner (for turns that answer it). */
export function latestCode(h: Harness, partnerId: string, nth = 0): () => Promise<string> {
  return async () => {
    const rows = await h.rows(
      "SELECT code FROM ledger_entries WHERE partner_id = ? AND code IS NOT NULL ORDER BY id DESC",
      partnerId,
    );
    return String(rows[nth]?.code ?? "???");
  };
}

export function matchGolden(name: string, transcript: string): void {
  const dir = new URL("../golden/", import.meta.url);
  const file = new URL(`${name}.txt`, dir);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, transcript);
    return;
  }
  // A missing golden fails: a renamed or deleted one must not pass by writing itself anew.
  if (!existsSync(file))
    throw new Error(
      `golden file test/golden/${name}.txt is missing; run with UPDATE_GOLDEN=1 to write it, then review it`,
    );
  expect(transcript).toBe(readFileSync(file, "utf8"));
}
