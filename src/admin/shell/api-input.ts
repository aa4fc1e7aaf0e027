// What every /admin/api route shares: reading a JSON body (bad syntax is 400), checking it with a
// zod/mini schema (400 with every issue as {path, message}), and the JSON answers for 400 and 404.
import type { Context } from "hono";
import * as z from "zod/mini";
import type { Deps } from "../../deps.ts";
import type { AdminEnv } from "./view.ts";

export interface Issue {
  /** Dotted path into the input, e.g. `contacts.0.phone`; empty for the input itself. */
  path: string;
  message: string;
}

type Checked<T> = { ok: true; data: T } | { ok: false; response: Response };

/** zod/mini carries no message locale (bundle size), so the usual issues are worded here. */
function describe(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "required" : `expected ${issue.expected}`;
    case "too_small":
      return issue.origin === "string" ? "must not be empty" : `must be at least ${issue.minimum}`;
    case "too_big":
      return `must be at most ${issue.maximum}${issue.origin === "string" ? " characters" : ""}`;
    case "invalid_value":
      return `must be one of ${issue.values.join(", ")}`;
    case "invalid_format":
      return "has the wrong format";
    default:
      return undefined;
  }
}

/** 400 with the issues; nothing has been written. */
export function invalid(c: Context<AdminEnv>, issues: Issue[], error = "invalid input"): Response {
  return c.json({ error, issues }, 400);
}

export function notFound(c: Context<AdminEnv>, what = "not found"): Response {
  return c.json({ error: what }, 404);
}

/**
 * Checks `input` against `schema`. A message that is a translation key (the dashboard forms' own
 * messages, e.g. "members.errors.reason") is answered in English.
 */
export function validate<S extends z.ZodMiniType>(
  deps: Deps,
  schema: S,
  input: unknown,
): { ok: true; data: z.output<S> } | { ok: false; issues: Issue[] } {
  const parsed = z.safeParse(schema, input, { error: describe });
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues.map((i) => ({
    path: i.path.map(String).join("."),
    message: english(deps, i.message),
  }));
  return { ok: false, issues };
}

/** As `validate`, with the 400 answer ready for a refused input. */
export function check<S extends z.ZodMiniType>(
  c: Context<AdminEnv>,
  deps: Deps,
  schema: S,
  input: unknown,
): Checked<z.output<S>> {
  const checked = validate(deps, schema, input);
  return checked.ok ? checked : { ok: false, response: invalid(c, checked.issues) };
}

/** The English text of a dashboard translation key ("members.errors.hours", "events:…"), else the text. */
export function english(deps: Deps, message: string): string {
  if (!/^[a-z]+(:[\w.]+|(\.\w+)+)$/i.test(message)) return message;
  return deps.i18n.t("en", message.includes(":") ? message : `admin:${message}`);
}

/** The JSON body checked against `schema`; a body that is not JSON at all is 400 too. */
export async function readBody<S extends z.ZodMiniType>(
  c: Context<AdminEnv>,
  deps: Deps,
  schema: S,
): Promise<Checked<z.output<S>>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return { ok: false, response: invalid(c, [{ path: "", message: "the body is not valid JSON" }]) };
  }
  return check(c, deps, schema, body);
}

/** A positive whole number from a path parameter, or null (which the routes answer 404). */
export function idParam(value: string | undefined): number | null {
  return value && /^[1-9]\d{0,14}$/.test(value) ? Number(value) : null;
}
