// The polls page: the polls sent (question in the coordinator's language, when sent, when they close,
// recipients and how many answered), then the ideas members sent with IDEA …, each with a link that
// opens the new-poll form on it — or to its poll, once polled. Cards, so it reads on a phone.
import { inLocale } from "../../core/polls.ts";
import type { Idea, PollResults } from "../../services/polls.ts";
import { Layout, Notice } from "../shell/layout.tsx";
import { count, dateTime, href, type View } from "../shell/view.ts";

/** Open while it takes answers: not closed, and its time not up. */
export const isOpen = (p: PollResults, now: Date) => !p.closedAt && Date.parse(p.closesAt) > now.getTime();

const PollItem = ({ view, p }: { view: View; p: PollResults }) => {
  const t = view.t;
  const open = isOpen(p, view.now);
  return (
    <li data-poll={String(p.id)} data-status={open ? "open" : "closed"}>
      <a href={href(`/polls/${p.id}`)}>
        <strong>{inLocale(p.question, view.locale)}</strong>
      </a>
      {p.eventId ? (
        <>
          {" "}
          <span class="badge">{t("polls:list.event")}</span>
        </>
      ) : null}
      <p class="muted">
        {t("polls:list.created", { when: dateTime(p.createdAt, view) })} ·{" "}
        {open
          ? t("polls:list.closes", { when: dateTime(p.closesAt, view) })
          : t("polls:list.closed", { when: dateTime(p.closedAt ?? p.closesAt, view) })}
      </p>
      <p data-figures={`${p.recipients}/${p.voters}`}>
        {t("polls:count.recipients", { count: p.recipients, n: count(p.recipients, view) })} ·{" "}
        {t("polls:count.answers", { count: p.voters, n: count(p.voters, view) })}
      </p>
    </li>
  );
};

const IdeaItem = ({ view, idea }: { view: View; idea: Idea }) => (
  <li data-idea={String(idea.id)}>
    <p>{idea.body}</p>
    <p class="muted">
      {view.t("polls:ideas.sent", { name: idea.name, when: dateTime(idea.createdAt, view) })}
    </p>
    {idea.pollId ? (
      <a href={href(`/polls/${idea.pollId}`)}>{view.t("polls:ideas.polled")}</a>
    ) : (
      <a href={href("/polls/new", { idea: idea.id })}>{view.t("polls:ideas.poll")}</a>
    )}
  </li>
);

export const PollsPage = ({
  view,
  polls,
  ideas,
  notice,
}: {
  view: View;
  polls: PollResults[];
  ideas: Idea[];
  notice: string | null;
}) => {
  const t = view.t;
  return (
    <Layout view={view} title={t("polls:title")}>
      <Notice text={notice} />
      <p class="muted">{t("polls:intro")}</p>
      <div class="actions">
        <a href={href("/polls/new")}>{t("polls:new")}</a>
      </div>
      <h2>{t("polls:list.title")}</h2>
      {polls.length ? (
        <ul class="plain" data-list="polls">
          {polls.map((p) => (
            <PollItem view={view} p={p} />
          ))}
        </ul>
      ) : (
        <p class="muted">{t("polls:list.none")}</p>
      )}
      <h2>{t("polls:ideas.title")}</h2>
      {ideas.length ? (
        <ul class="plain" data-list="ideas">
          {ideas.map((idea) => (
            <IdeaItem view={view} idea={idea} />
          ))}
        </ul>
      ) : (
        <p class="muted">{t("polls:ideas.none")}</p>
      )}
    </Layout>
  );
};
