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

let found: NodeCrypto | null | undefined;

/**
 * Node's crypto, looked up on first use; undefined on workerd, whose `process` (present even without
 * nodejs_compat) would load its Node layer (streams, zlib) for it: 7–9 ms of an isolate's start-up.
 */
export function nodeCrypto(): NodeCrypto | undefined {
  if (found === undefined) found = lookUp();
  return found ?? undefined;
}

function lookUp(): NodeCrypto | null {
  const onWorkers =
    (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === "Cloudflare-Workers";
  if (onWorkers) return null;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.("node:crypto") as Partial<NodeCrypto> | undefined;
  return typeof mod?.createHmac === "function" && typeof mod.createHash === "function"
    ? (mod as NodeCrypto)
    : null;
}

/**
 * One turn of the event loop, where WebCrypto's answer would have come from its thread pool: timers
 * and I/O waiting behind a request (an outbox delivery queued by the message before) still run at
 * the point they did, so switching to the synchronous digest changes the CPU, not the order of events.
 */
export function loopTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
