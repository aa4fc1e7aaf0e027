// The coordinator approving or refusing a member's post, from the dashboard or its API: the guarded
// move from waiting (a second click, or the poster's CLOSE first, has no effect), the poster's news in
// their language, and the audit row (which alone keeps a refusal's reason), all in one write batch.
import { renderFor } from "../channels/render.ts";
import type { Post } from "../core/engine-types.ts";
import { settlePostNotice } from "../core/notices/post.ts";
import type { Deps } from "../deps.ts";
import { schemeQuery } from "../scheme/store.ts";
import { auditStatement, splitActor } from "../store/audit.ts";
import { isConflict } from "../store/db.ts";
import { postQuery, toPost } from "../store/post-read.ts";
import { settingsOfRow } from "../store/settings.ts";
import { type CommonContext, writeCommon } from "../store/writers/index.ts";

export type Moderation = "approve" | "refuse";

export type ModerateResult =
  | { ok: true; post: Post }
  | { ok: false; error: "notFound" }
  /** Not waiting any more: approved or refused already, or closed by its poster. */
  | { ok: false; error: "already"; status: Post["status"]; code: string };

async function readPost(deps: Deps, postId: number) {
  const [post, scheme] = await deps.db.batch([postQuery(postId), schemeQuery()], "read");
  const row = post?.rows[0];
  return { post: row ? toPost(row) : null, settings: settingsOfRow(scheme?.rows[0]) };
}

/**
 * Approves (up for the scheme's `postDays` from now) or refuses a waiting post. `reason` (refusals
 * only) is for the audit log: the poster is told only that it was not put up.
 */
export async function moderatePost(
  deps: Deps,
  input: { postId: number; decision: Moderation; reason: string | null; actor: string },
): Promise<ModerateResult> {
  const { post, settings } = await readPost(deps, input.postId);
  if (!post) return { ok: false, error: "notFound" };
  if (post.status !== "waiting") return { ok: false, error: "already", status: post.status, code: post.code };
  const now = deps.now();
  const approve = input.decision === "approve";
  const effects = settlePostNotice(
    post,
    { outcome: approve ? "approved" : "refused", by: splitActor(input.actor).actor },
    { now, postDays: settings.postDays },
  );
  const settled = effects.find((e) => e.type === "settlePost");
  const expiresAt = settled?.type === "settlePost" ? settled.expiresAt : undefined;
  const render: CommonContext["render"] = (channel, locale, reply, options) =>
    renderFor(deps.i18n.t, channel, locale, reply, options);
  const audit = auditStatement(
    {
      actor: input.actor,
      action: approve ? "post.approve" : "post.refuse",
      subject: `post:${post.id}`,
      before: { status: "waiting" },
      after: approve
        ? { status: "open", code: post.code, member: post.memberId, expiresAt }
        : { status: "refused", code: post.code, member: post.memberId, reason: input.reason },
    },
    now,
  );
  try {
    await deps.db.batch(
      [...writeCommon(effects, { at: now, now: now.toISOString(), render }), audit],
      "write",
    );
  } catch (error) {
    if (!isConflict(error)) throw error;
    // Settled (or closed by its poster) since the read: say how it stands now.
    const again = (await readPost(deps, input.postId)).post;
    return { ok: false, error: "already", status: again?.status ?? post.status, code: post.code };
  }
  const status = approve ? "open" : "refused";
  return { ok: true, post: { ...post, status, expiresAt: expiresAt ?? post.expiresAt } };
}
