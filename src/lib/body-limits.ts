// How big a request body may be, per route, checked before anything reads it (hono/body-limit:
// Content-Length is refused at once; a chunked body is counted as it streams, never buffered
// past the limit). Twilio and Telegram send a few kilobytes; a scheme file is the one big body.
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

export const WEBHOOK_BODY_BYTES = 64 * 1024;
export const SCHEME_IMPORT_BYTES = 1024 * 1024;

/** Routes whose bodies may be larger than a webhook's: the scheme import. */
const LARGER: ReadonlyArray<{ path: string; bytes: number }> = [
  { path: "/admin/api/scheme", bytes: SCHEME_IMPORT_BYTES },
];

const tooLarge = (c: Context) => c.text("payload too large", 413);

/** One limit for every route, except the few named in LARGER. */
export function bodyLimits(): MiddlewareHandler {
  const small = bodyLimit({ maxSize: WEBHOOK_BODY_BYTES, onError: tooLarge });
  const larger = LARGER.map((l) => ({
    path: l.path,
    bytes: l.bytes,
    check: bodyLimit({ maxSize: l.bytes, onError: tooLarge }),
  }));
  return async (c, next) => {
    const path = c.req.path.replace(/\/+$/, "");
    const limit = larger.find((l) => l.path === path);
    // A GET has no body, and a body with a Content-Length (as Twilio and Telegram send) is judged by
    // it, as hono/body-limit does, but from the headers alone: its first step asks for the Request's
    // body, which on @hono/node-server builds a whole undici Request and a web stream for every
    // webhook (a tenth of a message's HTTP cost) instead of reading it straight from the socket.
    // A chunked body (no length) is still counted by hono/body-limit as it streams.
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined)
      return Number.parseInt(length, 10) > (limit?.bytes ?? WEBHOOK_BODY_BYTES) ? tooLarge(c) : next();
    return (limit?.check ?? small)(c, next);
  };
}
