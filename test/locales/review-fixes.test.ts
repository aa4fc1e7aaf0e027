// The native-speaker review of the PL/LV/EN strings (shared review "locales.md"): each fixed finding,
// rendered with the app's own i18n and typical values, as the member receives it.
import { describe, expect, test } from "vitest";
import { renderMessages } from "../../src/channels/render-text.ts";
import { renderTelegram } from "../../src/channels/telegram/render.ts";
import type { SpendItem } from "../../src/core/engine-types.ts";
import { dayText, hoursCount, hoursText, vocative } from "../../src/core/format.ts";
import { lookupKeyword } from "../../src/core/keywords.ts";
import { fold } from "../../src/core/text.ts";
import { itemPart } from "../../src/core/transitions/spend.ts";
import type { Locale, Partner } from "../../src/core/types.ts";
import { createI18n } from "../../src/i18n/index.ts";
import { countSegments } from "../../src/lib/segments.ts";

const { t } = createI18n();
const SCHEME = "Wisbech Time Credits";
const SAT = "2026-11-28";

describe("LV-1: Latvian names are addressed in the vocative", () => {
  test.each([
    ["Jānis", "Jāni"],
    ["Janis", "Jani"],
    ["Andris", "Andri"],
    ["Kārlis", "Kārli"],
    ["Ingus", "Ingu"],
    ["Edgars", "Edgar"],
    ["Roberts", "Robert"],
    ["Toms", "Tom"],
    ["Mārtiņš", "Mārtiņ"],
    ["Deniss", "Denis"],
    ["JĀNIS", "JĀNI"],
    ["Jānis Bērziņš", "Jāni Bērziņ"],
  ])("%s → %s", (name, expected) => {
    expect(vocative(name)).toBe(expected);
  });

  test.each([
    "Līga",
    "Ilze",
    "Inese",
    "Hugo",
    "Thomas",
    "Agnes",
    "James",
    "Charles",
    "Dennis",
    "Chris",
    "Lucas",
    "Jonas",
    "Marcus",
    "Ross",
    "Sharon Roberts",
    "Anna-Marija",
    "Jān…",
  ])("%s stays as written", (name) => {
    expect(vocative(name)).toBe(name);
  });

  test("every greeting that addresses a member uses it, in Latvian only", () => {
    const lv = (key: string) => t("lv", key, { name: "Jānis", scheme: SCHEME });
    expect(lv("greet.known")).toBe("Sveiki, Jāni! Laipni lūgti programmā Wisbech Time Credits!");
    expect(lv("join.askConsent")).toMatch(/^Paldies, Jāni! /);
    expect(lv("join.welcome")).toBe("Sveiki, Jāni! STUNDAS - pierakstīt, ATLIKUMS - kredīti, MENU - vairāk.");
    expect(lv("join.hello")).toBe("Sveiki, Jāni!");
    expect(lv("start.back")).toBe("Prieks, ka esi atpakaļ, Jāni! Raksti MENU, lai redzētu iespējas.");
    expect(lv("link.already")).toBe("Šis numurs jau ir sasaistīts, Jāni.");
    expect(lv("link.done")).toBe("Sasaistīts! Tagad viens atlikums un vēsture gan īsziņās, gan šeit.");
    expect(t("lv", "greet.known", { name: "Thomas", scheme: SCHEME })).toMatch(/^Sveiki, Thomas! /);
    expect(t("lv", "join.hello", { name: "Līga" })).toBe("Sveiki, Līga!");
    // Not in other languages, and not where a name is not addressed (here a person others mean).
    expect(t("pl", "greet.known", { name: "Jānis", scheme: SCHEME })).toBe(
      "Cześć, Jānis! Witaj w programie Wisbech Time Credits!",
    );
    expect(t("lv", "partner.ambiguousName", { name: "Jānis" })).toContain("Vārds Jānis ir vairākiem");
  });

  test("a surname shortened to fit the SMS is left alone", () => {
    expect(t("lv", "join.hello", { name: "Jānis Bērz…" })).toBe("Sveiki, Jāni Bērz…!");
  });
});

describe("LV-2, PL-15: the scheme is named as a programme", () => {
  test.each([
    ["lv", "Sveiki, Līga! Laipni lūgti programmā Wisbech Time Credits!"],
    ["pl", "Cześć, Kasia! Witaj w programie Wisbech Time Credits!"],
    ["en", "Hi Sharon, welcome to Wisbech Time Credits!"],
  ] as const)("%s greet.known", (locale, expected) => {
    const name = { lv: "Līga", pl: "Kasia", en: "Sharon" }[locale];
    expect(t(locale, "greet.known", { name, scheme: SCHEME })).toBe(expected);
  });
});

describe("X-1, PL-1, LV-4: no possessive before the hours", () => {
  const params = (locale: Locale, minutes: number, credits: number) => ({
    name: "The Staithe",
    hours: hoursText(minutes, locale),
    day: dayText(SAT, locale),
    count: credits,
    credits: hoursText(credits * 60, locale),
  });

  test("Polish: 1 hour, confirmed, in one SMS segment", () => {
    const text = t("pl", "earning.confirmed", params("pl", 60, 3));
    expect(text).toBe("The Staithe potwierdza 1 godz. (sob. 28 lis). Masz teraz 3 kredyty.");
    expect(countSegments(text).segments).toBe(1);
    expect(t("pl", "earning.rejected", { ...params("pl", 60, 3), reason: "zamknięte" })).toBe(
      'The Staithe nie potwierdza 1 godz. (sob. 28 lis): "zamknięte"',
    );
    expect(t("pl", "earning.expired", params("pl", 60, 3))).toBe(
      "Nie potwierdzono na czas: 1 godz. (The Staithe, sob. 28 lis). Zapytaj tam albo koordynatora.",
    );
    for (const key of ["earning.confirmed", "earning.rejected", "earning.rejectedPlain", "earning.expired"])
      expect(t("pl", key, params("pl", 60, 1))).not.toMatch(/Twoj/);
  });

  test("Latvian: 1 or 21 hours, confirmed", () => {
    expect(t("lv", "earning.confirmed", params("lv", 60, 21))).toBe(
      "The Staithe apstiprināja 1 st. (sestd. 28. nov.). Tev tagad ir 21 kredīts.",
    );
    expect(t("lv", "earning.expired", params("lv", 21 * 60, 2))).toBe(
      "The Staithe laikus neapstiprināja 21 st. (sestd. 28. nov.). Pajautā viņiem vai koordinatoram.",
    );
    for (const key of ["earning.confirmed", "earning.rejected", "earning.rejectedPlain", "earning.expired"])
      expect(t("lv", key, params("lv", 60, 1))).not.toMatch(/tav/i);
  });
});

describe("X-6: amounts as given, quarters exactly", () => {
  test.each([
    [15, "en", "0.25", 0.25],
    [45, "en", "0.75", 0.75],
    [45, "pl", "0,75", 0.75],
    [75, "lv", "1,25", 1.25],
    [90, "pl", "1,5", 1.5],
    [150, "en", "2.5", 2.5],
    [180, "lv", "3", 3],
    [-45, "en", "-0.75", -0.75],
    [50, "en", "0.8", 0.8],
    [20, "pl", "0,3", 0.3],
  ] as const)("%i minutes in %s: %s", (minutes, locale, text, count) => {
    expect(hoursText(minutes, locale)).toBe(text);
    expect(hoursCount(minutes)).toBe(count);
  });

  test("plural forms for 0,75 and 1,25 (Appendix A)", () => {
    const say = (l: Locale, minutes: number) =>
      t(l, "balance.summary", { count: hoursCount(minutes), credits: hoursText(minutes, l) });
    expect(say("en", 45)).toBe("You have 0.75 credits.");
    expect(say("pl", 45)).toBe("Masz 0,75 kredytu.");
    expect(say("pl", 75)).toBe("Masz 1,25 kredytu.");
    expect(say("lv", 45)).toBe("Tev ir 0,75 kredīti.");
    expect(say("lv", 75)).toBe("Tev ir 1,25 kredīti.");
    expect(say("pl", 60)).toBe("Masz 1 kredyt.");
    expect(say("lv", 21 * 60)).toBe("Tev ir 21 kredīts.");
  });

  test("a quarter-credit gift is confirmed as typed", () => {
    const params = { who: "Sharon", count: hoursCount(15), credits: hoursText(15, "pl") };
    expect(t("pl", "give.confirm", params)).toBe(
      "Odbiorca: Sharon. Podarować 0,25 kredytu? Odpisz TAK lub NIE.",
    );
  });
});

describe("X-5: history shows spending and gifts as credits", () => {
  const line = (l: Locale, key: string, credits: number) =>
    t(l, key, {
      day: dayText(SAT, l),
      hours: `-${hoursText(credits * 60, l)}`,
      credits: `-${hoursText(credits * 60, l)}`,
      count: credits,
      name: "Wisbech Picture House",
    });

  test.each([
    ["en", 2, "Sat 28 Nov -2 credits Wisbech Picture House - spent"],
    ["en", 1, "Sat 28 Nov -1 credit Wisbech Picture House - spent"],
    ["pl", 2, "sob. 28 lis -2 kr. Wisbech Picture House - wydane"],
    ["pl", 5, "sob. 28 lis -5 kr. Wisbech Picture House - wydane"],
    ["lv", 2, "sestd. 28. nov. -2 kr. Wisbech Picture House - iztērēts"],
  ] as const)("%s, %i credits spent", (locale, credits, expected) => {
    expect(line(locale, "history.spend.confirmed", credits)).toBe(expected);
  });

  test("gifts, bookings and corrections too; hours worked stay hours", () => {
    expect(line("en", "history.gift.confirmed", 1.5)).toBe(
      "Sat 28 Nov -1.5 credits gift Wisbech Picture House",
    );
    expect(line("pl", "history.spend.held", 2)).toBe(
      "sob. 28 lis -2 kr. Wisbech Picture House - zarezerwowane",
    );
    expect(line("lv", "history.correction.confirmed", 1)).toBe("sestd. 28. nov. -1 kr. labojums");
    expect(line("en", "history.earning.confirmed", 2)).toBe(
      "Sat 28 Nov -2 h Wisbech Picture House - confirmed",
    );
    expect(line("pl", "history.earning.rejected", 2)).toBe(
      "sob. 28 lis -2 godz. Wisbech Picture House - niepotwierdzone",
    );
  });
});

describe("X-7: free events and offers say so", () => {
  const view = (locale: Locale) => ({
    locale,
    partners: [{ id: "oasis", name: "Oasis Community Centre" } as Partner],
    timezone: "Europe/London",
  });
  const item: SpendItem = {
    kind: "event",
    id: "litter",
    partnerId: "oasis",
    title: { en: "Litter pick", pl: "Sprzątanie okolicy", lv: "Talka" },
    startsAt: "2026-12-05T10:00:00Z",
    cost: 0,
    valuePence: null,
    community: true,
    family: false,
    capacity: null,
    booked: 0,
  };
  const shown = (locale: Locale, it: SpendItem, n?: number) => {
    const part = itemPart(view(locale), it, n);
    return t(locale, part.key, part.params);
  };

  test.each([
    ["en", "1 Litter pick, Sat 5 Dec 10:00, Oasis Community Centre: free"],
    ["pl", "1 Sprzątanie okolicy, sob. 5 gru 10:00, Oasis Community Centre: bezpłatnie"],
    ["lv", "1 Talka, sestd. 5. dec. 10:00, Oasis Community Centre: bez maksas"],
  ] as const)("%s: an event at 0 credits", (locale, expected) => {
    expect(shown(locale, item, 1)).toBe(expected);
  });

  test("an offer at 0, with or without a value, and a paid event unchanged", () => {
    const offer = { ...item, kind: "offer" as const, startsAt: null };
    expect(shown("pl", offer)).toBe("Sprzątanie okolicy, Oasis Community Centre: bezpłatnie");
    expect(shown("en", { ...offer, valuePence: 450 }, 2)).toBe(
      "2 Litter pick, Oasis Community Centre: free, worth £4.50",
    );
    expect(shown("lv", { ...item, cost: 60 }, 1)).toBe(
      "1 Talka, sestd. 5. dec. 10:00, Oasis Community Centre: 1 kredīts",
    );
  });

  test("asking for places and confirming a free booking", () => {
    expect(t("en", "spend.askPlacesFree", { title: "Litter pick" })).toBe(
      "How many places at Litter pick? It is free.",
    );
    expect(t("pl", "spend.confirmEventFree", { title: "Bingo", places: 2 })).toBe(
      "Bingo: zarezerwować? Miejsca: 2, bezpłatnie. Odpisz TAK lub NIE.",
    );
    expect(t("lv", "spend.askPlacesFree", { title: "Talka" })).toBe("Talka: cik vietas? Ieeja bez maksas.");
  });
});

describe("LV-5, PL-3: check-in and check-out words", () => {
  test("Latvian shows AIZEJU; EJU is still understood", () => {
    const started = t("lv", "checkin.started", { name: "The Staithe", time: "10:00" });
    expect(started).toBe("Atzīmēta ierašanās: The Staithe, plkst. 10:00. Aizejot raksti AIZEJU.");
    expect(countSegments(started).segments).toBe(1);
    expect(t("lv", "checkin.already", { name: "The Staithe", time: "10:00" })).toContain("raksti AIZEJU.");
    expect(lookupKeyword(fold("AIZEJU"))?.intent).toBe("checkout");
    expect(lookupKeyword(fold("aizeju"))?.lang).toBe("lv");
    expect(lookupKeyword(fold("EJU"))?.intent).toBe("checkout");
  });

  test("Polish: an arrival is a przyjście, never a door or a hopeless situation", () => {
    const forgot = t("pl", "checkin.forgot", {
      name: "Oasis Community Centre",
      day: dayText("2026-11-27", "pl"),
      time: "18:00",
      alias: "oasis",
      date: "27.11",
    });
    expect(forgot).toBe(
      "pt. 27 lis o 18:00 zapisano przyjście do Oasis Community Centre, ale nie wyjście. Ile godzin? Odpisz np. GODZINY 3 oasis 27.11",
    );
    expect(countSegments(forgot).segments).toBe(2);
    expect(t("pl", "checkin.started", { name: "The Staithe", time: "10:00" })).toBe(
      "Zapisano przyjście: The Staithe, 10:00. Wychodząc, napisz WYCHODZĘ.",
    );
    expect(t("pl", "checkout.none")).toBe(
      "Brak zapisanego przyjścia. Aby zapisać godziny: GODZINY 3 [miejsce].",
    );
    for (const key of ["checkin.started", "checkin.already", "checkin.forgot", "checkout.none"])
      expect(t("pl", key, { name: "X", time: "1", day: "d" })).not.toMatch(/Wejście|wejścia|bez wyjścia/);
  });
});

describe("PL-4, PL-5, PL-6, PL-8, PL-9, PL-11, PL-12: gift and booking wording", () => {
  test("one gift verb: podarować", () => {
    expect(t("pl", "give.notYourself")).toBe("Nie możesz podarować sobie kredytów.");
    expect(t("pl", "give.notEnough", { count: 2, credits: "2" })).toBe("Możesz podarować tylko 2 kredyty.");
    expect(t("pl", "give.confirmInvite", { who: "+447700900555", count: 5, credits: "5" })).toBe(
      "+447700900555 nie jest jeszcze w programie. Zaprosić i podarować 5 kredytów? Ma 30 dni na dołączenie. TAK lub NIE",
    );
    expect(t("pl", "give.weekly", { limit: 10, count: 2, credits: "2" })).toBe(
      "Tygodniowo możesz podarować do 10 kredytów. Zostały Ci jeszcze 2 kredyty.",
    );
  });

  test("a booking: ANULUJ, no label colons, within 2 segments", () => {
    const booked = t("pl", "spend.booked", {
      title: "Rodzinne bingo",
      when: "pt. 4 gru 18:00",
      places: 2,
      code: "4821",
      count: 3,
      credits: "3",
    });
    expect(booked).toBe(
      "Zarezerwowano: Rodzinne bingo, pt. 4 gru 18:00, miejsca: 2. Kod 4821: pokaż przy wejściu. ANULUJ 4821 - rezygnacja. Saldo: 3.",
    );
    expect(countSegments(booked).segments).toBe(2);
    expect(t("pl", "spend.cancelled", { code: "4821", title: "Bingo", count: 1, credits: "1" })).toBe(
      "Anulowano 4821 (Bingo). Masz 1 kredyt.",
    );
    expect(t("pl", "spend.offerCode", { title: "Kino", code: "4821", count: 5, credits: "5" })).toBe(
      "Kino: Twój kod to 4821. Pokaż go obsłudze. Zostało Ci 5 kredytów.",
    );
    expect(t("pl", "spend.enjoy", { title: "Kino", count: 2, credits: "2" })).toBe(
      "Kino: wydano 2 kredyty. Miłego korzystania!",
    );
    expect(t("pl", "spend.unknownCode", { code: "4821" })).toBe("Nie ma tu rezerwacji 4821.");
    expect(t("pl", "partner.already.confirmed", { code: "226", who: "Kate" })).toBe(
      "226 jest już potwierdzone (Kate).",
    );
  });

  test("Latvian booking, enjoy and the zero form after par (LV-9, LV-10, LV-11)", () => {
    expect(
      t("lv", "spend.booked", { title: "Bingo", when: "w", places: 1, code: "4821", count: 2, credits: "2" }),
    ).toContain("ATCELT 4821 - atcelt. Atlikumā 2 kredīti.");
    expect(t("lv", "spend.enjoy", { title: "Kino biļete", count: 1, credits: "1" })).toBe(
      "Kino biļete: iztērēts 1 kredīts. Lai patīk!",
    );
    expect(t("lv", "spend.confirmOffer", { title: "Kino", count: 10, credits: "10" })).toBe(
      "Kino: saņemt kodu par 10 kredītiem? Atbildi JĀ vai NĒ.",
    );
    expect(t("lv", "spend.placesLeft", { count: 11 })).toBe("Atlikušas tikai 11 vietas. Cik?");
  });
});

describe("PL-7, LV-8: the privacy summary says who sees what and how to erase it", () => {
  test.each([
    ["pl", "polski", "Partnerzy widzą tylko imię i godziny. USUŃ MNIE - usuwa dane."],
    ["lv", "latviešu", "Partneri redz tikai vārdu un stundas. DZĒST MANI - dzēst."],
  ] as const)("%s: summary, then rights, in one message of 2 segments", (locale, lang, rights) => {
    const reply = {
      key: "privacy.summary" as const,
      params: { name: "Anna", number: "***0100", lang, since: "28.11.2026", entries: 57, credits: "2,5" },
      also: [{ key: "privacy.rights" as const }],
    };
    const messages = renderMessages(t, locale, reply);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`, ${lang}, `);
    expect(messages[0]?.endsWith(rights)).toBe(true);
    expect(countSegments(messages[0] ?? "").segments).toBe(2);
  });
});

describe("section 5: frequent messages in one segment", () => {
  test.each([
    ["pl", "join.welcome", { name: "Kasia" }],
    ["pl", "join.volunteeredThanksYes", {}],
    ["pl", "link.done", { name: "Anna" }],
    ["pl", "partner.whichPartner", {}],
    ["pl", "checkin.started", { name: "The Staithe", time: "10:00" }],
    ["lv", "join.welcome", { name: "Jānis" }],
    ["lv", "join.declined", {}],
    ["lv", "volunteer.title", {}],
    ["lv", "link.done", { name: "Jānis" }],
    ["lv", "checkin.started", { name: "The Staithe", time: "10:00" }],
    ["en", "help", {}],
  ] as const)("%s %s", (locale, key, params) => {
    expect(countSegments(t(locale, key, params)).segments).toBe(1);
  });

  test("help lists HISTORY and says what LANGUAGE does (X-8, PL-10, LV-12)", () => {
    expect(t("pl", "help")).toBe(
      "GODZINY 3 [miejsce] - zapisz 3 godz. SALDO - kredyty. HISTORIA - wpisy. JĘZYK - zmiana. BEZ OGONKÓW - bez ą, ę. STOP - wypisz się.",
    );
    expect(t("lv", "help")).toContain("VĒSTURE - ieraksti. VALODA - mainīt.");
    expect(t("en", "help")).not.toMatch(/\[|accents|entries/);
    for (const l of ["pl", "lv"] as const) expect(countSegments(t(l, "help")).segments).toBe(2);
  });
});

describe("LV-17: Latvian dates keep their dot, never doubled", () => {
  test("inside a sentence and before its full stop", () => {
    const day = dayText(SAT, "lv");
    expect(day).toBe("sestd. 28. nov.");
    expect(t("lv", "log.recorded", { hours: "2", name: "The Staithe", day })).toBe(
      "Pierakstīts: 2 st., The Staithe, sestd. 28. nov. Gaida apstiprinājumu.",
    );
    expect(t("lv", "partner.dayFull", { name: "Jānis", hours: "12" })).not.toContain("..");
    expect(dayText(SAT, "pl")).toBe("sob. 28 lis");
    expect(dayText(SAT, "en")).toBe("Sat 28 Nov");
  });
});

describe("X-11, X-14: shortened names and Telegram menus", () => {
  test("a shortened partner name ends in … in Polish and Latvian SMS, ... in English", () => {
    const options = [
      "The Staithe",
      "Oasis Community Centre",
      "Rainbow Children's Centre",
      "Clarkson Adventure Playground",
      "Thomas Clarkson Academy",
    ].map((text, i) => ({ n: i + 1, text }));
    const lv = renderMessages(t, "lv", { key: "log.askPartner", options })[0] ?? "";
    expect(lv).toContain("3 Rainbow Childre…");
    expect(lv).not.toMatch(/\w\.$/m);
    const en = renderMessages(t, "en", {
      key: "partner.request",
      params: {
        member: "Aleksandra-Magdalena Wiśniewska-Bērziņa",
        hours: "2.5",
        name: "Wisbech Community House & Food Bank on Norfolk Street",
        day: "Thu 26/11",
        code: "948",
        what: "",
      },
    })[0];
    expect(countSegments(en ?? "").encoding).toBe("UCS-2");
  });

  test("the menu above Telegram buttons says Choose:", () => {
    const options = [{ n: 1, key: "menu.balance" as const }];
    expect(renderTelegram(t, "en", { key: "menu.title", options }).text).toBe("Choose:");
    expect(renderTelegram(t, "pl", { key: "menu.title", options }).text).toBe("Wybierz:");
    expect(renderTelegram(t, "lv", { key: "menu.unknown", options }).text).toBe("Nesapratu. Izvēlies:");
    // Without buttons (a menu that is only text) the number is still asked for.
    expect(renderTelegram(t, "lv", { key: "menu.title" }).text).toBe("Atbildi ar numuru:");
  });
});
