// The messages the issue names, one by one, through understand() with the demo scheme; and what a
// message makes the runner read before it is understood.
import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { schemeWorld } from "../../src/cli/explain.ts";
import { neededReads, readPlan } from "../../src/core/read-plan.ts";
import { codesToCheck } from "../../src/core/requests.ts";
import type { Locale } from "../../src/core/types.ts";
import { type Expecting, understand } from "../../src/core/understand/index.ts";

const { partners, items } = schemeWorld();
const read = (text: string, locale: Locale = "en", expecting: Expecting = null, newcomer = false) =>
  understand(text, { expecting, newcomer, locale, contact: false, partners, items });

describe("natural words become the task", () => {
  test.each([
    ["how many credits do I have left", "balance"],
    ["what's my balance pls", "balance"],
    ["balanse", "balance"],
    ["ile mam teraz kredytów", "balance"],
    ["sprawdź moje saldo", "balance"],
    ["saldp", "balance"],
    ["Cześć, sprawdzisz mi saldo?", "balance"],
    ["cik kredītu man palicis", "balance"],
    ["kāds man atlikums", "balance"],
    ["atlikumz", "balance"],
    ["did 2 hrs at the playground", "log"],
    ["I was at riverside for 3 hours this morning", "log"],
    ["byłem 2 godziny w hostelu", "log"],
    ["półtorej godziny w hostelu", "log"],
    ["trzy godziny riverside", "log"],
    ["strādāju 3 stundas playground", "log"],
    ["pusstundu riverside", "log"],
    ["commons 3 hrs", "log"],
    ["what's happening this weekend", "events"],
    ["how do i use this", "help"],
    ["stop sending me messages", "stop"],
    ["vairs nesūtiet ziņas", "stop"],
    ["zapisz mnie na bingo", "events"],
  ])("%s → %s", (text, intent) => {
    expect(read(text).command?.intent).toBe(intent);
  });

  test("the language asked for comes with LANG", () => {
    expect(read("can you write in polish").command).toMatchObject({ intent: "lang", langTarget: "pl" });
    expect(read("in English").command).toMatchObject({ intent: "lang", langTarget: "en" });
  });

  test("a one-line log keeps its pieces and drops the talk around them", () => {
    expect(read("did 2 hrs at the playground").command?.rest).toBe("2 hrs at the playground");
    expect(read("byłem 2 godziny w hostelu", "pl").command?.rest).toBe("2 godziny w hostelu");
  });

  test("command words work exactly as before", () => {
    expect(read("GODZINY 2,5 staithe wczoraj").command).toEqual({
      intent: "log",
      lang: "pl",
      rest: "2,5 staithe wczoraj",
    });
    expect(read("YES 482", "en").command?.intent).toBe("yes");
  });

  test("a place alone asks, never acts", () => {
    const u = read("hostel?");
    expect(u.command).toBeNull();
    expect(u.guesses.map((g) => g.intent)).toEqual(["log"]);
  });
});

describe("answers in context", () => {
  test.each([
    ["ok", "yes"],
    ["sure", "yes"],
    ["yes please", "yes"],
    ["jasne", "yes"],
    ["dobrze", "yes"],
    ["spoko", "yes"],
    ["zgoda", "yes"],
    ["no dobra", "yes"],
    ["no tak", "yes"],
    ["labi", "yes"],
    ["der", "yes"],
    ["protams", "yes"],
    ["piekrītu", "yes"],
    ["nie", "no"],
    ["nē", "no"],
    ["nope", "no"],
  ])("at a yes/no question, %s is %s", (text, intent) => {
    expect(read(text, "pl", "yesno").command?.intent).toBe(intent);
  });

  test("a bare Polish 'no' and 'nie wiem' are no answer; an English reader's 'no' is", () => {
    expect(read("no", "pl", "yesno").command).toBeNull();
    expect(read("nie wiem", "pl", "yesno").command).toBeNull();
    expect(read("no", "en", "yesno").command?.intent).toBe("no");
  });

  test.each([
    ["my name is Dave", "Dave"],
    ["I'm Sam", "Sam"],
    ["Jestem Kasia", "Kasia"],
    ["Mam na imię Marek", "Marek"],
    ["Mani sauc Līga", "Līga"],
    ["Esmu Jānis", "Jānis"],
  ])("asked for a name, %s gives %s and no command", (text, name) => {
    const u = read(text, "en", "name", true);
    expect(u.name).toBe(name);
    expect(u.command).toBeNull();
  });

  test("a first message tells the language", () => {
    expect(read("Cześć", "en", null, true).lang).toBe("pl");
    expect(read("Dzień dobry", "en", null, true).lang).toBe("pl");
    expect(read("Labdien", "en", null, true).lang).toBe("lv");
    expect(read("Mam na imię Marek", "en", null, true)).toMatchObject({ lang: "pl", name: "Marek" });
  });
});

describe("what is read before understanding", () => {
  test("a partner's YES or NO in any words reads their requests; a gift by number reads that member", () => {
    expect(neededReads("potwierdzam 482")).toEqual(new Set(["settlable"]));
    expect(neededReads("noraidu 517 nebija")).toEqual(new Set(["settlable"]));
    expect(readPlan("daj 2 kredyty 07700900102", 1).mentioned).toEqual(["+447700900102"]);
    // A few words that are no command could also answer a poll.
    expect(neededReads("co wiecie o mnie")).toEqual(new Set(["personalData", "poll"]));
    expect(neededReads("kino")).toEqual(new Set(["poll"]));
    expect(neededReads("2")).toEqual(new Set(["poll"]));
    expect(neededReads("saldo")).toEqual(new Set());
  });

  test("natural words name members only beside a number; the command word always reads them", () => {
    expect(readPlan("chcę podarować Kasi 2 kredyty", 1).mentioned).toBeNull();
    expect(readPlan("chcę podarować Kasi 2 kredyty 07700900102", 1).mentioned).toEqual(["+447700900102"]);
    expect(readPlan("LOG 2 staithe", 1).mentioned).toEqual([]);
  });

  test("the codes checked are the seed's candidates, whatever the text", () => {
    expect(readPlan("saldo", 7).codes).toEqual(codesToCheck(7));
    expect(readPlan("LOG 2 staithe", 7).codes).toEqual(codesToCheck(7));
  });
});

test("npx timecredits explain prints the task, the language, the confidence and why", () => {
  const root = new URL("../../", import.meta.url).pathname;
  const run = spawnSync(process.execPath, ["bin/timecredits.mjs", "explain", "Cześć, sprawdzisz mi saldo?"], {
    cwd: root,
    encoding: "utf8",
  });
  expect(run.status).toBe(0);
  expect(run.stdout).toContain("intent:     balance");
  expect(run.stdout).toContain("language:   pl");
  expect(run.stdout).toContain('"sald*" → balance +3');
});
