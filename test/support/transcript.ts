// Conversation transcripts: a person's messages go through POST /sms (signed as Twilio signs them)
// and everything they receive is written as readable text, compared with test/golden/<name>.txt.
// `UPDATE_GOLDEN=1 npx vitest run` rewrites the golden files; review the diff before committing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { expect } from "vitest";
import type { Harness } from "./harness.ts";

export interface Turn {
  from: string;
  text: string;
  /** Move the clock before this message. */
  at?: string;
}

/** Sends each turn and returns the transcript: "> text" lines, then "< reply" blocks. */
export async function play(h: Harness, turns: Turn[]): Promise<string> {
  const out: string[] = [];
  let lastFrom = "";
  for (const turn of turns) {
    if (turn.at) {
      h.setNow(turn.at);
      out.push(`@ ${turn.at}`);
    }
    if (turn.from !== lastFrom) out.push(`# ${turn.from}`);
    lastFrom = turn.from;
    const { status, messages } = await h.sms(turn.from, turn.text);
    out.push(`> ${turn.text}`);
    if (status !== 200) out.push(`! HTTP ${status}`);
    if (!messages.length) out.push("(no reply)");
    for (const m of messages)
      out.push(
        m
          .split("\n")
          .map((line) => `< ${line}`)
          .join("\n"),
      );
  }
  return `${out.join("\n")}\n`;
}

export function matchGolden(name: string, transcript: string): void {
  const dir = new URL("../golden/", import.meta.url);
  const file = new URL(`${name}.txt`, dir);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
    if (process.env.CI && !existsSync(file))
      throw new Error(`golden file test/golden/${name}.txt is missing`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, transcript);
    return;
  }
  expect(transcript).toBe(readFileSync(file, "utf8"));
}
