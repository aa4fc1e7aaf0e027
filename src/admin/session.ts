// The coordinator's login without a session table: the cookie holds a payload signed with an HMAC key
// derived from ADMIN_TOKEN (a new token logs everyone out), and CSRF tokens are derived from it too.
// WebCrypto only, so the same code runs on Node and Workers.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** How long a login lasts. */
export const SESSION_SECONDS = 12 * 60 * 60;

/** What the signed cookie carries: who logged in (as they named themselves), a nonce, an expiry. */
export interface Session {
  /** The name the coordinator gave at login, for the audit log; may be empty. */
  name: string;
  nonce: string;
  /** Seconds since the epoch. */
  expires: number;
}

/** What a signature is for; a signature made for one purpose never passes as another. */
type Purpose = "session" | "csrf" | "login";

export interface SessionKeys {
  sign(purpose: Purpose, value: string): Promise<string>;
  verify(purpose: Purpose, value: string, mac: string): Promise<boolean>;
  /** True when `given` is the admin token; compares digests, so time says nothing about the token. */
  isToken(given: string): Promise<boolean>;
}

export async function deriveKeys(adminToken: string): Promise<SessionKeys> {
  const material = await crypto.subtle.digest("SHA-256", encoder.encode(`timecredits-admin:${adminToken}`));
  const key = await crypto.subtle.importKey("raw", material, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
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

export function randomNonce(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/** A new session's cookie value: base64url(JSON payload) "." base64url(HMAC). */
export async function issueSession(keys: SessionKeys, name: string, now: Date): Promise<string> {
  const session: Session = {
    name,
    nonce: randomNonce(),
    expires: Math.floor(now.getTime() / 1000) + SESSION_SECONDS,
  };
  const payload = toBase64Url(encoder.encode(JSON.stringify(session)));
  return `${payload}.${await keys.sign("session", payload)}`;
}

/** The session a cookie value holds, or null when it is forged, malformed or expired. */
export async function readSession(keys: SessionKeys, value: string, now: Date): Promise<Session | null> {
  const [payload, mac, extra] = value.split(".");
  if (!payload || !mac || extra !== undefined) return null;
  if (!(await keys.verify("session", payload, mac))) return null;
  const bytes = fromBase64Url(payload);
  if (!bytes) return null;
  try {
    const s = JSON.parse(decoder.decode(bytes)) as Partial<Session>;
    if (typeof s.nonce !== "string" || typeof s.expires !== "number" || typeof s.name !== "string")
      return null;
    if (s.expires * 1000 <= now.getTime()) return null;
    return { name: s.name, nonce: s.nonce, expires: s.expires };
  } catch {
    return null;
  }
}

/** The CSRF token every form of this session carries. */
export function csrfFor(keys: SessionKeys, session: Session): Promise<string> {
  return keys.sign("csrf", session.nonce);
}

function toBase64Url(bytes: Uint8Array): string {
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
