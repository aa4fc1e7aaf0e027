// node:crypto when the runtime is Node, without an import the Worker bundle would have to resolve
// (the Worker runs without nodejs_compat): process.getBuiltinModule exists on Node ≥ 22.3 only.
// Its HMAC and hashes are synchronous and cost a fraction of WebCrypto's on Node; elsewhere the
// callers use WebCrypto.

interface Digest {
  update(data: string, encoding: "utf8"): Digest;
  digest(): Uint8Array;
  digest(encoding: "base64"): string;
}

export interface NodeCrypto {
  createHmac(algorithm: "sha1", key: string): Digest;
  createHash(algorithm: "sha256"): Digest;
}

export const nodeCrypto: NodeCrypto | undefined = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const found = proc?.getBuiltinModule?.("node:crypto") as Partial<NodeCrypto> | undefined;
  return typeof found?.createHmac === "function" && typeof found.createHash === "function"
    ? (found as NodeCrypto)
    : undefined;
})();

/**
 * One turn of the event loop, where WebCrypto's answer would have come from its thread pool: timers
 * and I/O waiting behind a request (an outbox delivery queued by the message before) still run at
 * the point they did, so switching to the synchronous digest changes the CPU, not the order of events.
 */
export function loopTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
