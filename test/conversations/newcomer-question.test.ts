// A newcomer whose first text is a question about their credits gets it answered once they have
// joined, in their language (it was asked, so it is not dropped for the name question).
import { expect, test } from "vitest";
import { createHarness } from "../support/harness.ts";

test.each([
  [
    "+447700900551",
    "czy mam juz jakies kredyty",
    "Ola",
    "tak",
    "Cześć! Jak masz na imię?",
    "Masz 0 kredytów.",
  ],
  ["+447700900552", "cik man ir stundu", "Ilze", "jā", "Sveiki! Kā tevi sauc?", "Tev ir 0 kredītu."],
  [
    "+447700900553",
    "how many credits have i got",
    "Tom",
    "yes",
    "Hi! What is your first name?",
    "You have 0 credits.",
  ],
])("%s: “%s” is answered after joining", async (phone, question, name, yes, asked, answer) => {
  const h = await createHarness({ now: "2026-12-02T12:00:00Z" });
  expect((await h.sms(phone, question)).messages).toEqual([asked]);
  await h.sms(phone, name);
  const joined = (await h.sms(phone, yes)).messages.join("\n");
  expect(joined).toContain(answer);
  expect(await h.rows("SELECT name FROM members WHERE phone = ?", phone)).toEqual([{ name }]);
});
