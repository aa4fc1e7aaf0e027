// The erasure list's digests: what DELETE ME leaves behind so a scheme file that still lists the
// person does not re-register them, without keeping their number. A digest is HMAC-SHA-256 of
// "phone:+447700900777" or "telegram:2002" under a random key the database makes on first use
// (table app_keys), never a plain hash: phone numbers are few enough to guess, so an unkeyed digest
// would hide nothing. The key has nothing to do with ADMIN_TOKEN, so rotating that changes nothing.
// Each digest names its key ("hmac:<8 characters>"); digests made by older versions (keyed with
// ADMIN_TOKEN, or "sha256") are counted by the import as made with another key.
import type { Db, InStatement } from "./db.ts";
import { sql } from "./db.ts";

const encoder = new TextEncoder();
const PREFIX = "timecredits-erasure:";

export interface ErasureKey {
  /** "hmac:<8 characters>" naming the key. */
  id: string;
  key: CryptoKey;
}

export interface ErasureDigest {
  digest: string;
  keyId: string;
}

/** The people an identity may name: an E.164 number and/or a Telegram user id. */
export interface Identity {
  phone: string | null;
  telegramId: number | null;
}

function base64url(bytes: ArrayBuffer): string {
  let text = "";
  for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The erasure key of this database, made (32 random bytes) by the first call that needs it. */
export async function erasureKey(db: Db): Promise<ErasureKey> {
  const read = sql("SELECT secret FROM app_keys WHERE purpose = 'erasure'");
  let row = (await db.execute(read)).rows[0];
  if (!row) {
    const secret = base64url(crypto.getRandomValues(new Uint8Array(32)).buffer);
    // Two first uses at once: one INSERT wins, and both read the winner's key.
    const [, again] = await db.batch(
      [
        sql(
          "INSERT INTO app_keys (purpose, secret, created_at) VALUES ('erasure', ?, ?) ON CONFLICT DO NOTHING",
          secret,
          new Date().toISOString(),
        ),
        read,
      ],
      "write",
    );
    row = again?.rows[0];
  }
  if (!row) throw new Error("the erasure key could not be stored");
  const material = fromBase64url(String(row.secret));
  const key = await crypto.subtle.importKey("raw", material, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const id = base64url(await crypto.subtle.sign("HMAC", key, encoder.encode("key-id"))).slice(0, 8);
  return { id: `hmac:${id}`, key };
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

async function digestOf(key: ErasureKey, text: string): Promise<string> {
  const data = encoder.encode(`${PREFIX}${text}`);
  return base64url(await crypto.subtle.sign("HMAC", key.key, data));
}

/** The digests of one person's phone number and Telegram id (either may be absent). */
export async function erasureDigests(key: ErasureKey, who: Identity): Promise<ErasureDigest[]> {
  const texts = [
    ...(who.phone ? [`phone:${who.phone}`] : []),
    ...(who.telegramId !== null ? [`telegram:${who.telegramId}`] : []),
  ];
  return Promise.all(texts.map(async (t) => ({ digest: await digestOf(key, t), keyId: key.id })));
}

/** Adds digests to the erasure list (a second erasure of the same number changes nothing). */
export function recordErasures(digests: ErasureDigest[], now: Date): InStatement[] {
  return digests.map((d) =>
    sql(
      "INSERT INTO erasures (digest, key_id, erased_at) VALUES (?, ?, ?) ON CONFLICT(digest) DO NOTHING",
      d.digest,
      d.keyId,
      now.toISOString(),
    ),
  );
}

/**
 * Which of these people asked to be erased: for each, whether a digest of their phone or Telegram
 * id is on the list and no current member holds that phone or id (someone who came back and joined
 * again by themselves is a member like any other). Also how many listed digests were made with
 * another key, so could not be checked.
 */
export async function findErased(
  db: Db,
  key: ErasureKey,
  people: Identity[],
): Promise<{ erased: boolean[]; unchecked: number }> {
  const digests = await Promise.all(people.map((p) => erasureDigests(key, p)));
  const all = digests.flat().map((d) => d.digest);
  const [listed, members, others] = await db.batch(
    [
      sql(
        "SELECT digest FROM erasures WHERE digest IN (SELECT value FROM json_each(?))",
        JSON.stringify(all),
      ),
      sql(
        `SELECT phone, telegram_id FROM members WHERE phone IN (SELECT value FROM json_each(?))
           OR telegram_id IN (SELECT value FROM json_each(?))`,
        JSON.stringify(people.flatMap((p) => (p.phone ? [p.phone] : []))),
        JSON.stringify(people.flatMap((p) => (p.telegramId !== null ? [p.telegramId] : []))),
      ),
      sql("SELECT COUNT(*) AS n FROM erasures WHERE key_id != ?", key.id),
    ],
    "read",
  );
  const onList = new Set((listed?.rows ?? []).map((r) => String(r.digest)));
  const phones = new Set((members?.rows ?? []).map((r) => (r.phone === null ? "" : String(r.phone))));
  const telegramIds = new Set(
    (members?.rows ?? []).map((r) => (r.telegram_id === null ? -1 : Number(r.telegram_id))),
  );
  const erased = people.map((p, i) => {
    const [first, second] = digests[i] ?? [];
    const phoneDigest = p.phone ? first : undefined;
    const telegramDigest = p.phone ? second : first;
    const phoneErased = !!phoneDigest && onList.has(phoneDigest.digest) && !phones.has(p.phone ?? "");
    const telegramErased =
      !!telegramDigest && onList.has(telegramDigest.digest) && !telegramIds.has(p.telegramId ?? -1);
    return phoneErased || telegramErased;
  });
  return { erased, unchecked: Number(others?.rows[0]?.n ?? 0) };
}
