// Posts on the members' board as the domain reads them: each with its poster's first name and how to
// reach them (phone, Telegram, language, opt-out). The bot's read, the dashboard and the tick job all
// select POST_COLUMNS from POST_FROM and map the rows with toPost.
import type { Post, Reach } from "../core/engine-types.ts";
import { firstName } from "../core/posts.ts";
import type { Locale } from "../core/types.ts";
import { type Query, select } from "./json-read.ts";
import { channelOf } from "./partner-read.ts";

type Row = Record<string, unknown>;

/** A member's first name and reach as `m.*` columns: what `reachOf` reads. */
export const REACH_COLUMNS: readonly string[] =
  "m.name m.phone m.telegram_id m.locale m.opted_out m.last_channel m.telegram_blocked".split(" ");

/** What toPost reads, with names unique in one row (the member's id is p.member_id, never m.id). */
export const POST_COLUMNS: readonly string[] = [
  ..."p.id p.code p.member_id p.kind p.body p.tags p.status p.created_at p.expires_at".split(" "),
  ...REACH_COLUMNS,
];

/** The tables POST_COLUMNS come from: `p` the post, `m` its poster. */
export const POST_FROM = "FROM posts p JOIN members m ON m.id = p.member_id";

function tagsOf(value: unknown): string[] {
  if (typeof value !== "string") return [];
  try {
    const tags: unknown = JSON.parse(value);
    return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
}

/** How to reach the member a row's `m.*` columns describe. */
export function reachOf(r: Row): Reach {
  return {
    phone: r.phone === null ? null : String(r.phone),
    telegramId: r.telegram_id === null ? null : Number(r.telegram_id),
    locale: String(r.locale) as Locale,
    optedOut: Number(r.opted_out) === 1,
    lastChannel: channelOf(r.last_channel),
    telegramBlocked: Number(r.telegram_blocked) === 1,
  };
}

/** A row of POST_COLUMNS as a `Post`; an erased poster's blank name is an empty first name. */
export function toPost(r: Row): Post {
  return {
    id: Number(r.id),
    code: String(r.code),
    kind: r.kind === "ask" ? "ask" : "offer",
    body: String(r.body),
    tags: tagsOf(r.tags),
    status: String(r.status) as Post["status"],
    memberId: Number(r.member_id),
    firstName: r.name === null || r.name === undefined ? "" : firstName(String(r.name)),
    poster: reachOf(r),
    expiresAt: String(r.expires_at),
    createdAt: String(r.created_at),
  };
}

/** One post by id, whatever its status. */
export function postQuery(id: number): Query {
  return select(POST_COLUMNS, `${POST_FROM} WHERE p.id = ?`, id);
}

/** At most this many posts are ended, or reminded, in one run of the job; the rest wait for the next. */
export const POSTS_PER_RUN = 200;

/** Open posts whose time is up at `now`. */
export function postsToEndQuery(now: string): Query {
  return select(
    POST_COLUMNS,
    `${POST_FROM} WHERE p.status = 'open' AND p.expires_at <= ? ORDER BY p.expires_at, p.id LIMIT ${POSTS_PER_RUN}`,
    now,
  );
}

/** Open posts not yet reminded that end after `now` but by `until`. */
export function postsToRemindQuery(now: string, until: string): Query {
  return select(
    POST_COLUMNS,
    `${POST_FROM} WHERE p.status = 'open' AND p.reminded_at IS NULL AND p.expires_at > ? AND p.expires_at <= ?
     ORDER BY p.expires_at, p.id LIMIT ${POSTS_PER_RUN}`,
    now,
    until,
  );
}
