// GET /admin/outbox: how many messages wait, went, or failed, the ones that failed or are still being
// retried, each failed one with a "retry now" button, and those that went by SMS instead of WhatsApp
// (never their text), each with Twilio's delivery report and why it went by SMS.
// POST /admin/outbox/:id/retry: puts a failed message back in the queue, due now.

import { Hono } from "hono";
import * as z from "zod/mini";
import { CHANNEL_TRAITS } from "../../core/channels.ts";
import type { Channel } from "../../core/types.ts";
import type { Deps } from "../../deps.ts";
import { lazy } from "../../lib/lazy.ts";
import { Csrf, Layout, Notice } from "../shell/layout.tsx";
import { type AdminContext, type AdminEnv, count, dateTime, href, type View, viewOf } from "../shell/view.ts";
import { deliveryText } from "./delivery.ts";
import {
  FALLBACK_DAYS,
  MAX_LISTED,
  type OutboxCounts,
  type OutboxFallback,
  type OutboxListed,
  type OutboxProblem,
  outboxCounts,
  outboxFallbacks,
  outboxProblems,
  retryNow,
} from "./outbox.ts";

const NOTICES = new Set(["retried", "gone"]);

const outboxId = lazy(() => z.coerce.number().check(z.int(), z.positive()));

const Counts = ({ view, counts }: { view: View; counts: OutboxCounts }) => (
  <div class="cards">
    {(["pending", "retrying", "sent", "failed"] as const).map((status) => (
      <div class="card" data-count={status}>
        <span class="figure">{count(counts[status], view)}</span>
        <span class="label">{view.t(`outbox.counts.${status}`)}</span>
      </div>
    ))}
  </div>
);

const channelName = (channel: string) => CHANNEL_TRAITS[channel as Channel]?.name ?? channel;

/** Twilio's report on the latest attempt, e.g. "not delivered (30003)", in its own cell. */
const Delivery = ({ view, m }: { view: View; m: OutboxListed }) => (
  <td data-delivery={m.delivery ?? undefined}>{deliveryText(view, m.delivery, m.deliveryError)}</td>
);

/** The last error, and why a message for WhatsApp went (or goes) by SMS. */
const Problem = ({ view, m }: { view: View; m: OutboxProblem }) => (
  <td>
    {m.lastError ?? ""}
    {m.fallback ? (
      <>
        {m.lastError ? <br /> : null}
        <span data-fallback>{view.t("outbox.fallbackWhy", { why: m.fallback })}</span>
      </>
    ) : null}
  </td>
);

const Row = ({ view, m }: { view: View; m: OutboxProblem }) => (
  <tr data-outbox={String(m.id)} data-status={m.status}>
    <td>{dateTime(m.createdAt, view)}</td>
    <td>{channelName(m.channel)}</td>
    <td>{m.recipient}</td>
    <td class="num">{count(m.attempts, view)}</td>
    <Problem view={view} m={m} />
    <Delivery view={view} m={m} />
    <td>
      {m.status === "failed" ? (
        <>
          <span class="badge">{view.t("outbox.failed")}</span>{" "}
          <form class="inline" method="post" action={href(`/outbox/${m.id}/retry`)}>
            <Csrf view={view} />
            <button type="submit" class="secondary">
              {view.t("outbox.retryNow")}
            </button>
          </form>
        </>
      ) : (
        dateTime(m.nextAttemptAt, view)
      )}
    </td>
  </tr>
);

const FallbackRow = ({ view, m }: { view: View; m: OutboxFallback }) => (
  <tr data-outbox={String(m.id)} data-status="sent">
    <td>{dateTime(m.sentAt ?? m.createdAt, view)}</td>
    <td>{m.recipient}</td>
    <td data-fallback>{m.fallback ?? ""}</td>
    <Delivery view={view} m={m} />
  </tr>
);

const Fallbacks = ({ view, fallbacks }: { view: View; fallbacks: OutboxFallback[] }) =>
  fallbacks.length ? (
    <div class="scroll">
      <table data-table="fallbacks">
        <thead>
          <tr>
            <th>{view.t("outbox.sentAt")}</th>
            <th>{view.t("outbox.recipient")}</th>
            <th>{view.t("outbox.why")}</th>
            <th>{view.t("outbox.delivery")}</th>
          </tr>
        </thead>
        <tbody>
          {fallbacks.map((m) => (
            <FallbackRow view={view} m={m} />
          ))}
        </tbody>
      </table>
    </div>
  ) : (
    <p class="muted">{view.t("outbox.noFallbacks")}</p>
  );

async function show(c: AdminContext, deps: Deps, status: 200 | 404 | 409, error?: string) {
  const view = viewOf(c, deps);
  const [counts, problems, fallbacks] = await Promise.all([
    outboxCounts(deps.db),
    outboxProblems(deps.db),
    outboxFallbacks(deps.db, deps.now()),
  ]);
  const notice = c.req.query("notice");
  return c.html(
    <Layout view={view} title={view.t("outbox.title")}>
      <Notice text={error} error />
      <Notice text={notice && NOTICES.has(notice) ? view.t(`outbox.notices.${notice}`) : null} />
      <Counts view={view} counts={counts} />
      <h2>{view.t("outbox.problems")}</h2>
      {problems.length ? (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>{view.t("outbox.when")}</th>
                <th>{view.t("outbox.channel")}</th>
                <th>{view.t("outbox.recipient")}</th>
                <th class="num">{view.t("outbox.attempts")}</th>
                <th>{view.t("outbox.lastError")}</th>
                <th>{view.t("outbox.delivery")}</th>
                <th>{view.t("outbox.nextAttempt")}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((m) => (
                <Row view={view} m={m} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">{view.t("outbox.none")}</p>
      )}
      {problems.length >= MAX_LISTED ? (
        <p class="muted">{view.t("outbox.more", { count: MAX_LISTED })}</p>
      ) : null}
      <h2>{view.t("outbox.fallbacks", { count: FALLBACK_DAYS })}</h2>
      <p class="muted">{view.t("outbox.fallbacksHint")}</p>
      <Fallbacks view={view} fallbacks={fallbacks} />
      {fallbacks.length >= MAX_LISTED ? (
        <p class="muted">{view.t("outbox.more", { count: MAX_LISTED })}</p>
      ) : null}
    </Layout>,
    status,
  );
}

export function outboxRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get("/", (c) => show(c, deps, 200));
  app.post("/:id/retry", async (c) => {
    const id = z.safeParse(outboxId(), c.req.param("id"));
    if (!id.success) return show(c, deps, 404, viewOf(c, deps).t("outbox.notices.gone"));
    const done = await retryNow(deps.db, { id: id.data, actor: c.get("coordinator").actor, now: deps.now() });
    return c.redirect(href("/outbox", { notice: done ? "retried" : "gone" }), 303);
  });
  return app;
}
