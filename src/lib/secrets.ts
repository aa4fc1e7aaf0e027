// Comparing a presented secret with the configured one without leaking, through timing, how much
// of it matched: both are hashed first, so the comparison runs over equal lengths.
import { loopTurn, nodeCrypto } from "./node-crypto.ts";

const encoder = new TextEncoder();

/** SHA-256 of a text: node:crypto on Node (synchronous), WebCrypto elsewhere. */
async function sha256(text: string): Promise<Uint8Array> {
  const node = nodeCrypto();
  if (node) {
    const digest = node.createHash("sha256").update(text, "utf8").digest();
    await loopTurn();
    return digest;
  }
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/** Digests of the configured secrets, which every request compares against. */
const expectedDigests = new Map<string, Promise<Uint8Array>>();

function expectedDigest(expected: string): Promise<Uint8Array> {
  let digest = expectedDigests.get(expected);
  if (!digest) {
    // One secret per channel; a few in tests. Bounded all the same.
    if (expectedDigests.size >= 16) expectedDigests.clear();
    digest = sha256(expected);
    expectedDigests.set(expected, digest);
  }
  return digest;
}

/** True when `given` equals `expected`, compared in constant time over their SHA-256 digests. */
export async function sameSecret(given: string | undefined, expected: string): Promise<boolean> {
  if (given === undefined) return false;
  const [x, y] = await Promise.all([sha256(given), expectedDigest(expected)]);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
