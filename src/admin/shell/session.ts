// The keys of the dashboard's cookies. ADMIN_TOKEN is the coordinator's password, so it never signs
// anything itself: the signing key is derived from it with HKDF under its own label, or from
// SESSION_SECRET when that is set (then rotating the password need not log anyone out). A cookie
// carries a session id and its HMAC; what the id stands for lives in the database (session-store.ts).
// WebCrypto only, so the same code runs on Node and Workers.

const encoder = new TextEncoder();

/** How long a login lasts. */
export const SESSION_SECONDS = 12 * 60 * 60;

/** HKDF's info label: a key derived for the dashboard's cookies is good for nothing else. */
export const SESSION_KEY_INFO = "timecredits admin cookies v1";

/** What a signature is for; a signature made for one purpose never passes as another. */
type Purpose = "session" | "csrf" | "login";

export interface SessionKeys {
  sign(purpose: Purpose, value: string): Promise<string>;
  verify(purpose: Purpose, value: string, mac: string): Promise<boolean>;
  /** True when `given` is the admin token; compares digests, so time says nothing about the token. */
  isToken(given: string): Promise<boolean>;
}

/** The HMAC key for cookies and CSRF tokens: HKDF-SHA-256 of `secret` with SESSION_KEY_INFO. */
export async function sessionKey(secret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: encoder.encode(SESSION_KEY_INFO) },
    material,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign", "verify"],
  );
}

/** Keys for this deployment: `sessionSecret` signs when given, else a key derived from the token. */
export async function deriveKeys(adminToken: string, sessionSecret?: string): Promise<SessionKeys> {
  const key = await sessionKey(sessionSecret ?? adminToken);
  const tokenDigest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(adminToken)));
  const message = (purpose: Purpose, value: string) => encoder.encode(`${purpose}\n${value}`);
  return {
    async sign(purpose, value) {
      return toBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", key, message(purpose, value))));
    },
    async verify(purpose, value, mac) {
      const bytes = fromBase64Url(mac);
      if (!bytes) return false;
      return crypto.subtle.verify("HMAC", key, bytes, message(purpose, value));
    },
    async isToken(given) {
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(given)));
      return sameBytes(digest, tokenDigest);
    },
  };
}

/** Constant-time equality of two byte strings of the same length. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Constant-time equality of two strings (CSRF tokens). */
export function sameText(a: string, b: string): boolean {
  return sameBytes(encoder.encode(a), encoder.encode(b));
}

/** `bytes` random bytes as base64url: 16 give a nonce or a session id, 32 a one-time link code. */
export function randomNonce(bytes = 16): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A session's cookie value: its id "." base64url(HMAC). */
export async function signSessionId(keys: SessionKeys, id: string): Promise<string> {
  return `${id}.${await keys.sign("session", id)}`;
}

/** The session id a cookie value carries, or null when it is forged or malformed. */
export async function verifiedSessionId(keys: SessionKeys, value: string): Promise<string | null> {
  const [id, mac, extra] = value.split(".");
  if (!id || !mac || extra !== undefined || !/^[\w-]{16,64}$/.test(id)) return null;
  return (await keys.verify("session", id, mac)) ? id : null;
}

/** The CSRF token every form of this session carries. */
export function csrfFor(keys: SessionKeys, sessionId: string): Promise<string> {
  return keys.sign("csrf", sessionId);
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}
