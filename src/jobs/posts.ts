// The members' board in the scheduled tick: open posts whose time is up end (their poster told, the
// message held until quiet hours end); posts ending within POST_REMIND_DAYS are reminded once (RENEW
// keeps them up, and a renewal may be reminded again), and only outside quiet hours, like TIPS.
//
// Each post is written with a condition that it is still as read: a post closed or renewed between
// the read and the write is left alone (its batch aborts, nothing else does). All posts go in one
// batch; only when that one is refused are they written one by one.
import type { Post, SchemeSettings } from "../core/engine-types.ts";
import { daysLeft, type PostEffect, remindPostNotice, settlePostNotice } from "../core/notices/post.ts";
import { POST_REMIND_DAYS } from "../core/posts.ts";
import { inQuietHours, sendTime } from "../core/schedule.ts";
import type { Deps } from "../deps.ts";
import { type InStatement, isConflict, sql } from "../store/db.ts";
import { postsToEndQuery, postsToRemindQuery, toPost } from "../store/post-read.ts";
import { writeCommon } from "../store/writers/index.ts";
import type { Render } from "./spending.ts";

const DAY = 86_400_000;

/** Aborts the batch it is in (write_guard allows only 1) unless the post is still as the job read it. */
function stillAsRead(condition: string, ...args: Array<string | number>): InStatement {
  return sql(
    `INSERT INTO write_guard (ok) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM posts WHERE ${condition})`,
    ...args,
  );
}

export async function postJobs(
  deps: Deps,
  input: { now: Date; settings: SchemeSettings; render: Render },
): Promise<{ ended: number; reminded: number }> {
  const { now, settings, render } = input;
  const iso = now.toISOString();
  const tz = deps.config.timezone;
  const quiet = inQuietHours(now, tz);
  const until = new Date(now.getTime() + POST_REMIND_DAYS * DAY).toISOString();
  const [ending, reminding] = await deps.db.batch(
    [postsToEndQuery(iso), quiet ? sql("SELECT 1 WHERE 0") : postsToRemindQuery(iso, until)],
    "read",
  );
  const write = (effects: PostEffect[], at: Date) => writeCommon(effects, { at, now: iso, render });
  // A post that ends at night is taken down now; its poster hears at 09:00.
  const morning = sendTime(now, tz);
  const groups: Array<{ post: Post; statements: InStatement[] }> = [];
  for (const post of (ending?.rows ?? []).map(toPost)) {
    const effects = settlePostNotice(post, { outcome: "expired", by: "system" }, { now, ...settings });
    // Renewed since the read: its new end is later, and it stays up.
    const guard = stillAsRead("id = ? AND status = 'open' AND expires_at <= ?", post.id, iso);
    groups.push({ post, statements: [guard, ...write(effects, morning)] });
  }
  const remindedIds: number[] = [];
  for (const post of (reminding?.rows ?? []).map(toPost)) {
    const effects = remindPostNotice(post, daysLeft(post.expiresAt, now));
    const guard = stillAsRead("id = ? AND status = 'open' AND expires_at = ?", post.id, post.expiresAt);
    groups.push({ post, statements: [guard, ...write(effects, now)] });
    remindedIds.push(post.id);
  }
  if (!groups.length) return { ended: 0, reminded: 0 };
  const done = await writeAll(deps, groups);
  return {
    ended: done.filter((p) => !remindedIds.includes(p.id)).length,
    reminded: done.filter((p) => remindedIds.includes(p.id)).length,
  };
}

/** Every group in one batch; if a post changed meanwhile, each group alone, skipping the changed. */
async function writeAll(
  deps: Deps,
  groups: Array<{ post: Post; statements: InStatement[] }>,
): Promise<Post[]> {
  try {
    await deps.db.batch(
      groups.flatMap((g) => g.statements),
      "write",
    );
    return groups.map((g) => g.post);
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
  const done: Post[] = [];
  for (const g of groups) {
    try {
      await deps.db.batch(g.statements, "write");
      done.push(g.post);
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
  return done;
}
