// The members' board, as rules on data: what a post is about (activity tags shared by the three
// languages, so a Polish ask finds an English offer), which posts fit one another, the codes posts
// get, and the line a post is shown as. Nobody is shown more than a poster's first name.
import type { Post } from "./engine-types.ts";
import { fold } from "./text.ts";
import type { ReplyLine } from "./types.ts";

/** At most this many live posts (waiting or up) per member. */
export const MAX_LIVE_POSTS = 5;
/** A post's text is cut to this many characters (a line of a list on SMS must stay short). */
export const POST_BODY_CHARS = 120;
/** The poster is reminded this many days before their post ends. */
export const POST_REMIND_DAYS = 3;

/**
 * Activity tags and the word starts (folded: no diacritics, lower case) that name them in English,
 * Polish and Latvian. A word counts when it starts with one of them.
 */
const TAGS: Record<string, readonly string[]> = {
  garden: ["garden", "lawn", "hedge", "weed", "ogrod", "trawni", "dzialk", "darz", "zalien", "ravet"],
  lift: [
    "lift",
    "drive",
    "driv",
    "car ",
    "transport",
    "podwiez",
    "podwoz",
    "samochod",
    "dowiez",
    "aizvest",
    "aizvez",
    "masin",
    "vest ",
  ],
  shopping: ["shop", "groceri", "tesco", "zakup", "sklep", "iepirk", "veikal"],
  cooking: ["cook", "meal", "bake", "gotow", "obiad", "posil", "gatavo", "edien"],
  children: [
    "child",
    "kid",
    "babysit",
    "school run",
    "dzieci",
    "dzieck",
    "opiek",
    "niani",
    "bern",
    "aukl",
    "skol",
  ],
  pets: [
    "dog",
    "pet",
    "cat ",
    "pies",
    "psa",
    "psem",
    "kot",
    "suns",
    "suni",
    "sunu",
    "kaki",
    "mājdzīv",
    "majdziv",
  ],
  repairs: [
    "fix",
    "repair",
    "diy",
    "shelf",
    "shelv",
    "paint",
    "napraw",
    "remont",
    "malow",
    "polk",
    "labot",
    "salabo",
    "kras",
    "plaukt",
  ],
  computers: [
    "computer",
    "laptop",
    "phone",
    "internet",
    "email",
    "online",
    "komputer",
    "telefon",
    "dator",
    "interneta",
    "smartfon",
  ],
  language: [
    "english",
    "language",
    "lesson",
    "tutor",
    "homework",
    "angiel",
    "jezyk",
    "lekcj",
    "korepet",
    "angl",
    "valod",
    "macib",
    "majasdarb",
  ],
  cleaning: ["clean", "tidy", "hoover", "sprzat", "porzad", "odkurz", "tirit", "tiris", "uzkop", "sakop"],
  sewing: [
    "sew",
    "mend",
    "knit",
    "alter",
    "szyc",
    "szyj",
    "cerow",
    "drut",
    "sut ",
    "suse",
    "adit",
    "labot drebes",
  ],
  moving: [
    "moving",
    "move house",
    "furniture",
    "carry",
    "heavy",
    "przeprowadz",
    "mebl",
    "przenie",
    "noszen",
    "parvak",
    "mebel",
    "smag",
  ],
  forms: [
    "form",
    "letter",
    "benefit",
    "paperwork",
    "council",
    "formularz",
    "pismo",
    "pisma",
    "urzed",
    "urzad",
    "wniosek",
    "veidlap",
    "dokument",
    "vestul",
    "pabalst",
  ],
  company: [
    "company",
    "chat",
    "visit",
    "lonely",
    "walk",
    "towarzyst",
    "odwiedz",
    "rozmow",
    "spacer",
    "samotn",
    "kompanij",
    "apcirem",
    "parunat",
    "pastaig",
    "vientul",
  ],
  hair: ["hair", "haircut", "fryzj", "strzyz", "wlos", "frizier", "matu ", "griez"],
};

/** Short words that say nothing about the help itself. */
const COMMON = new Set(
  "with from that this have your need help offer some pomoc pomocy pomoge potrzebuje moge kogos ktos ktore sobie jakas palidz palidzet palidziba vajag varu kads kadu kada".split(
    " ",
  ),
);

function wordsOf(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * The activity tags a post's text names, in a fixed order.
 * @example tagsOf("Mogę podwieźć do Tesco") // ["lift", "shopping"]
 */
export function tagsOf(text: string): string[] {
  const padded = ` ${wordsOf(text).join(" ")} `;
  const words = wordsOf(text);
  return Object.entries(TAGS)
    .filter(([, starts]) =>
      starts.some((s) => (s.includes(" ") ? padded.includes(` ${s}`) : words.some((w) => w.startsWith(s)))),
    )
    .map(([tag]) => tag);
}

/** Word starts (five letters) a post shares with another, besides the tags: "tesco", "sobot". */
function stems(text: string): Set<string> {
  return new Set(
    wordsOf(text)
      .filter((w) => w.length >= 5 && !COMMON.has(w))
      .map((w) => w.slice(0, 5)),
  );
}

/** How well two posts fit: shared tags count most, shared word starts a little. 0 when nothing is shared. */
export function fitScore(a: Pick<Post, "body" | "tags">, b: Pick<Post, "body" | "tags">): number {
  const tags = a.tags.filter((t) => b.tags.includes(t)).length;
  const mine = stems(a.body);
  const words = [...stems(b.body)].filter((s) => mine.has(s)).length;
  return tags * 2 + words;
}

/**
 * The live posts of the other kind that fit `post`, best first, never the poster's own: what an ASK
 * is shown (offers) and an OFFER (asks).
 */
export function matchesFor(
  post: Pick<Post, "kind" | "body" | "tags" | "memberId">,
  posts: readonly Post[],
  limit = 3,
): Post[] {
  return posts
    .filter((p) => p.status === "open" && p.kind !== post.kind && p.memberId !== post.memberId)
    .map((p) => ({ p, score: fitScore(post, p) }))
    .filter((m) => m.score > 0)
    .sort((x, y) => y.score - x.score || y.p.id - x.p.id)
    .slice(0, limit)
    .map((m) => m.p);
}

/** The first word of a name: all a member is shown of another before both agree. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}

/** A post's text as shown in a list: one line, cut at a word. */
export function shortBody(body: string, chars = 60): string {
  const line = body.replace(/\s+/g, " ").trim();
  if (line.length <= chars) return line;
  const cut = line.slice(0, chars - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), chars / 2)).trimEnd()}…`;
}

/** "P482 Anna offers: lifts to Tesco" as a reply part. */
export function postLine(p: Post): ReplyLine {
  return {
    key: p.kind === "offer" ? "post.lineOffer" : "post.lineAsk",
    params: { code: p.code, name: p.firstName, body: shortBody(p.body) },
  };
}

/** A post code as written: "P482", "p 482", "P-482" → "P482"; anything else null. */
export function postCodeOf(word: string): string | null {
  const m = /^p[\s-]?(\d{3})$/i.exec(word.trim());
  return m ? `P${m[1]}` : null;
}

/** The post codes a message names ("TAK P482", "p482 mogę pomóc"), in order. */
export function postCodesIn(text: string): string[] {
  return [...text.matchAll(/(?<![\p{L}\d])p[\s-]?(\d{3})(?!\d)/giu)].map((m) => `P${m[1]}`);
}

/** The codes a new post may get with this seed: the read asks which are taken. */
export function postCodeCandidates(seed: number): string[] {
  const out: string[] = [];
  let x = (seed >>> 0) ^ 0x9e3779b9;
  for (let i = 0; out.length < 8 && i < 64; i++) {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
    const code = `P${100 + (x % 900)}`;
    if (!out.includes(code)) out.push(code);
  }
  return out;
}

/** The first candidate not taken; null when all are (the message is then read again with a new seed). */
export function pickPostCode(taken: readonly string[], seed: number): string | null {
  return postCodeCandidates(seed).find((c) => !taken.includes(c)) ?? null;
}
