// Checks the X-Twilio-Signature header of a webhook with WebCrypto, so it runs on Workers
// as well as Node (the twilio package's own check needs node:crypto). On Node, node:crypto's HMAC
// is used when it is there: the same digest, synchronous, and a tenth of WebCrypto's CPU.
import { loopTurn, nodeCrypto } from "../../lib/node-crypto.ts";

const encoder = new TextEncoder();

/** WebCrypto keys by auth token: importing one costs as much as a signature. */
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(authToken: string): Promise<CryptoKey> {
  let key = keys.get(authToken);
  if (!key) {
    // One auth token per scheme; a few in tests. Bounded all the same.
    if (keys.size >= 16) keys.clear();
    key = crypto.subtle.importKey("raw", encoder.encode(authToken), { name: "HMAC", hash: "SHA-1" }, false, [
      "sign",
    ]);
    keys.set(authToken, key);
    key.catch(() => keys.delete(authToken));
  }
  return key;
}

/** base64(HMAC-SHA1(authToken, data)). */
async function sign(authToken: string, data: string): Promise<string> {
  const node = nodeCrypto();
  if (node) {
    const mac = node.createHmac("sha1", authToken).update(data, "utf8").digest("base64");
    await loopTurn();
    return mac;
  }
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(authToken), encoder.encode(data));
  return toBase64(mac);
}

/** Splits off scheme, authority and the rest without normalising, so the URL stays as signed. */
function splitUrl(
  url: string,
): { scheme: string; userInfo: string; host: string; port: string; rest: string } | null {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!match) return null;
  const [prefix, scheme = "", authority = ""] = match;
  const userInfoEnd = authority.lastIndexOf("@");
  const hostAndPort = authority.slice(userInfoEnd + 1);
  // In an IPv6 literal the colons inside the brackets are not the port separator.
  const portStart = hostAndPort.indexOf(":", hostAndPort.lastIndexOf("]") + 1);
  return {
    scheme,
    userInfo: authority.slice(0, userInfoEnd + 1),
    host: portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart),
    port: portStart === -1 ? "" : hostAndPort.slice(portStart),
    rest: url.slice(prefix.length),
  };
}

/**
 * The URL with the port removed and with the default port added: Twilio signs the URL as
 * configured in its console, which may or may not spell out the port (same as its libraries).
 */
export function urlCandidates(url: string): string[] {
  const parts = splitUrl(url);
  if (!parts) return [url];
  const base = parts.scheme + parts.userInfo + parts.host;
  const withoutPort = base + parts.rest;
  const defaultPort = parts.scheme.toLowerCase() === "https://" ? ":443" : ":80";
  const withPort = base + (parts.port || defaultPort) + parts.rest;
  return withPort === withoutPort ? [url] : [withoutPort, withPort];
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Code-point order, as Unix sort and Twilio's Python library use (plain `.sort()` is UTF-16 order). */
function byCodePoint(a: string, b: string): number {
  // Without surrogates (parameter names always, most values) UTF-16 order is code-point order.
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const diff = (ca[i]?.codePointAt(0) ?? 0) - (cb[i]?.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
  return ca.length - cb.length;
}

/** The signed string: URL, then each parameter name and value by name; repeated values deduplicated and sorted. */
function signedData(url: string, params: Record<string, string | string[]>): string {
  let data = url;
  for (const name of Object.keys(params).sort(byCodePoint)) {
    const value = params[name] ?? "";
    const values = Array.isArray(value) ? [...new Set(value)].sort(byCodePoint) : [value];
    for (const v of values) data += name + v;
  }
  return data;
}

function toBase64(bytes: ArrayBuffer): string {
  let binary = "";
  for (const b of new Uint8Array(bytes)) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Compares without an early exit, so the time taken does not tell how many leading characters match. */
function constantTimeEqual(a: string, b: string): boolean {
  // The expected length is fixed by SHA-1 and not secret, so returning early on it is safe.
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * True when `signature` is Twilio's HMAC-SHA1 signature of this request: base64 of
 * HMAC-SHA1(authToken, url + sorted name/value pairs). `url` is the full public URL Twilio
 * called, with any query string; `params` are the form-encoded POST parameters.
 */
export async function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string | string[]>,
  signature: string | undefined | null,
): Promise<boolean> {
  if (!signature || !authToken) return false;
  let valid = false;
  for (const candidate of urlCandidates(url)) {
    const mac = await sign(authToken, signedData(candidate, params));
    // No short-circuit: both candidates are always checked.
    valid = constantTimeEqual(mac, signature) || valid;
  }
  return valid;
}
