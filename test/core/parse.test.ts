import { describe, expect, test } from "vitest";
import { KEYWORDS, lookupKeyword } from "../../src/core/keywords.ts";
import { parseChoice, parseCommand } from "../../src/core/parse.ts";
import { fold } from "../../src/core/text.ts";

type Row = [text: string, intent: string | null, lang?: string | null, rest?: string, langTarget?: string];

// What people actually type, and what the bot should take it to mean.
const commands: Row[] = [
  // balance
  ["BALANCE", "balance", "en", ""],
  ["balance", "balance", "en", ""],
  ["Bal", "balance", "en", ""],
  ["  'balance'. ", "balance", "en", ""],
  ["balanse", "balance", "en", ""],
  ["Ballance?", "balance", "en", ""],
  ["/balance", "balance", "en", ""],
  ["/balance@TimeCreditsBot", "balance", "en", ""],
  ["SALDO", "balance", "pl", ""],
  ["Saldo?", "balance", "pl", ""],
  ["saldo.", "balance", "pl", ""],
  ["Saldo!!", "balance", "pl", ""],
  ["stan konta", "balance", "pl", ""],
  ["Stan  Konta.", "balance", "pl", ""],
  ["ATLIKUMS", "balance", "lv", ""],
  ["atlikums", "balance", "lv", ""],
  ["Bilance", "balance", "lv", ""],
  // log
  ["LOG 3 staithe gardening", "log", "en", "3 staithe gardening"],
  ["log", "log", "en", ""],
  ["Hours 2", "log", "en", "2"],
  ["log hours 3 ferry", "log", "en", "3 ferry"],
  ["LOG: 3h at the Staithe yesterday.", "log", "en", "3h at the Staithe yesterday"],
  ["LOG -2 staithe", "log", "en", "-2 staithe"],
  ["GODZINY 2,5 staithe wczoraj", "log", "pl", "2,5 staithe wczoraj"],
  ["GODZINY 2,5 Staithe Wczoraj", "log", "pl", "2,5 Staithe Wczoraj"],
  ["godziny", "log", "pl", ""],
  ["Zapisz 3 Oaza", "log", "pl", "3 Oaza"],
  ["stundas 1h30 staithe vakar", "log", "lv", "1h30 staithe vakar"],
  ["STUNDAS 2 Prāmis", "log", "lv", "2 Prāmis"],
  ["  stundas   3  ", "log", "lv", "3"],
  // events, give, history, help
  ["EVENTS", "events", "en", ""],
  ["spend", "events", "en", ""],
  ["Offers", "events", "en", ""],
  ["wydarzenia", "events", "pl", ""],
  ["PASĀKUMI", "events", "lv", ""],
  ["pasakumi", "events", "lv", ""],
  ["GIVE 2 07700900123", "give", "en", "2 07700900123"],
  ["Podaruj 1 +48 601 234 567", "give", "pl", "1 +48 601 234 567"],
  ["dāvināt 2 Anna", "give", "lv", "2 Anna"],
  ["davinat", "give", "lv", ""],
  ["HISTORY", "history", "en", ""],
  ["histroy", "history", "en", ""],
  ["Historia", "history", "pl", ""],
  ["vēsture", "history", "lv", ""],
  ["VESTURE", "history", "lv", ""],
  ["HELP", "help", "en", ""],
  ["help!", "help", "en", ""],
  ["?", "help", null, ""],
  [" ?? ", "help", null, ""],
  ["pomoc", "help", "pl", ""],
  ["PALĪDZĪBA", "help", "lv", ""],
  ["palidziba", "help", "lv", ""],
  // language
  ["LANG", "lang", "en", ""],
  ["LANG pl", "lang", "en", "", "pl"],
  ["lang 2", "lang", "en", "", "pl"],
  ["Language 3", "lang", "en", "", "lv"],
  ["ENGLISH", "lang", "en", "", "en"],
  ["Polski", "lang", "pl", "", "pl"],
  ["JĘZYK polski", "lang", "pl", "", "pl"],
  ["jezyk", "lang", "pl", ""],
  ["język 1", "lang", "pl", "", "en"],
  ["VALODA", "lang", "lv", ""],
  ["valoda latviešu", "lang", "lv", "", "lv"],
  ["LATVIESU", "lang", "lv", "", "lv"],
  ["Latviski", "lang", "lv", "", "lv"],
  ["lang klingon", "lang", "en", "klingon"],
  // partner confirmations
  ["yes 482", "yes", "en", "482"],
  ["YES", "yes", "en", ""],
  ["Y", "yes", "en", ""],
  ["ok", "yes", null, ""],
  ["Tak 482", "yes", "pl", "482"],
  ["Tak, 482", "yes", "pl", "482"],
  ["JĀ 17", "yes", "lv", "17"],
  ["ja 17", "yes", "lv", "17"],
  ["no 482", "no", "en", "482"],
  ["N", "no", "en", ""],
  ["Nie 482", "no", "pl", "482"],
  ["nē 12", "no", "lv", "12"],
  ["NE 12", "no", "lv", "12"],
  // opt out and back in, menu, navigation
  ["STOP", "stop", null, ""],
  ["stop.", "stop", null, ""],
  ["Unsubscribe", "stop", "en", ""],
  ["STOPALL", "stop", null, ""],
  ["START", "start", null, ""],
  ["/start", "start", null, ""],
  ["/start abc123", "start", null, "abc123"],
  ["unstop", "start", null, ""],
  ["MENU", "menu", null, ""],
  ["menu", "menu", null, ""],
  ["izvēlne", "menu", "lv", ""],
  ["SKIP", "skip", "en", ""],
  ["pomiń", "skip", "pl", ""],
  ["POMIN", "skip", "pl", ""],
  ["izlaist", "skip", "lv", ""],
  ["more", "more", "en", ""],
  ["więcej", "more", "pl", ""],
  ["VAIRAK", "more", "lv", ""],
  ["CANCEL", "cancel", "en", ""],
  ["anuluj", "cancel", "pl", ""],
  ["Atcelt", "cancel", "lv", ""],
  // partner-side and privacy commands
  ["IN", "checkin", "en", ""],
  ["jestem", "checkin", "pl", ""],
  ["ESMU", "checkin", "lv", ""],
  ["OUT", "checkout", "en", ""],
  ["wychodze", "checkout", "pl", ""],
  ["eju", "checkout", "lv", ""],
  ["REDEEM 3", "redeem", "en", "3"],
  ["realizuj", "redeem", "pl", ""],
  ["IZMANTOT", "redeem", "lv", ""],
  ["BOOK 2", "book", "en", "2"],
  ["rezerwuj", "book", "pl", ""],
  ["rezervēt", "book", "lv", ""],
  ["MY DATA", "mydata", "en", ""],
  ["my  data", "mydata", "en", ""],
  ["/mydata", "mydata", "en", ""],
  ["moje dane", "mydata", "pl", ""],
  ["Mani dati", "mydata", "lv", ""],
  ["DELETE ME", "deleteme", "en", ""],
  ["delete my data", "deleteme", "en", ""],
  ["usun mnie", "deleteme", "pl", ""],
  ["USUŃ MNIE", "deleteme", "pl", ""],
  ["dzēst mani", "deleteme", "lv", ""],
  ["DZEST MANI", "deleteme", "lv", ""],
  // invisible marks that phones and copy-paste add
  ["\u200Bsaldo\u200E", "balance", "pl", ""],
  ["\u2066ATLIKUMS\u2069", "balance", "lv", ""],
  // not commands
  ["Anna", null],
  ["Anna Kowalska", null],
  ["", null],
  ["   ", null],
  ["3", null],
  ["hello", null],
  ["staithe", null],
  ["balancing act", null],
  ["logs please", null],
  ["!!!", null],
  ["Kristaps", null],
];

describe("parseCommand", () => {
  test.each(commands)("%j", (text, intent, lang, rest, langTarget) => {
    const command = parseCommand(text);
    if (intent === null) {
      expect(command).toBeNull();
      return;
    }
    expect(command).toEqual({ intent, lang, rest, ...(langTarget ? { langTarget } : {}) });
  });

  test("every keyword in the table reads back as its own intent (no clashes between languages)", () => {
    for (const keyword of KEYWORDS) {
      expect(lookupKeyword(fold(keyword.word))?.intent, keyword.word).toBe(keyword.intent);
    }
  });
});

const choices: [string, number | null][] = [
  ["1", 1],
  [" 2. ", 2],
  ["3)", 3],
  ["#4", 4],
  ["(5)", 5],
  ["05", 5],
  ["99", 99],
  ["\u200E7", 7],
  ["0", null],
  ["100", null],
  ["1e9", null],
  ["-1", null],
  ["0x1", null],
  ["٣", null],
  ["2 things", null],
  ["1.5", null],
  ["", null],
  ["one", null],
  ["1 2", null],
];

describe("parseChoice", () => {
  test.each(choices)("%j → %j", (text, n) => {
    expect(parseChoice(text)).toBe(n);
  });
});
