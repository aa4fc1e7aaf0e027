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
    check: bodyLimit({ maxSize: l.bytes, onError: tooLarge }),
  }));
  return (c, next) => {
    const path = c.req.path.replace(/\/+$/, "");
    return (larger.find((l) => l.path === path)?.check ?? small)(c, next);
  };
}
