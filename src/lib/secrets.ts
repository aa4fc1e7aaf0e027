// Comparing a presented secret with the configured one without leaking, through timing, how much
// of it matched: both are hashed first, so the comparison runs over equal lengths.

/** True when `given` equals `expected`, compared in constant time over their SHA-256 digests. */
export async function sameSecret(given: string | undefined, expected: string): Promise<boolean> {
  if (given === undefined) return false;
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(given)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
