// /admin/polls: the polls and the members' ideas; /new the form, whose Preview shows what
// sendPoll(…, preview) worked out and whose Send sends it once however often it is pressed (a one-time
// token, once.ts); /:id the live results with "make this an event". Refused forms come back as typed,
// each error beside its field, nothing written.
import { Hono } from "hono";
import { inLocale, type LocalText, pollText } from "../../core/polls.ts";
import { LOCALES } from "../../core/types.ts";
import type { Deps } from "../../deps.ts";
import { loadPartners } from "../../scheme/store.ts";
import {
  listIdeas,
  listPolls,
  type PollInput,
  type PollResults,
  pollResults,
  pollToEvent,
  sendPoll,
} from "../../services/polls.ts";
import type { FormErrors } from "../events/form.ts";
import { loadEvent, partnerChoices } from "../events/store.ts";
import { idParam } from "../shell/api-input.ts";
import { type AdminContext, type AdminEnv, href, viewOf } from "../shell/view.ts";
import { blankPollEvent, type PollEventValues, parsePollEventForm, readPollEventForm } from "./event-form.ts";
import {
  emptyPollForm,
  type PollErrors,
  type PollFormValues,
  parsePollForm,
  readPollForm,
  serviceErrors,
} from "./form.ts";
import { NewPollPage } from "./form-view.tsx";
import { PollsPage } from "./list-view.tsx";
import { claimSend, isSendToken, newSendToken } from "./once.ts";
import { ResultsPage } from "./results-view.tsx";

const LIST_NOTICES = new Set(["already"]);
const POLL_NOTICES = new Set(["sent", "scheduled", "event"]);

export function pollsRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const actor = (c: AdminContext) => c.get("coordinator").actor;

  app.get("/", async (c) => {
    const view = viewOf(c, deps);
    const notice = c.req.query("notice") ?? "";
    const [polls, ideas] = await Promise.all([listPolls(deps), listIdeas(deps)]);
    const text = LIST_NOTICES.has(notice) ? view.t(`polls:notice.${notice}`) : null;
    return c.html(<PollsPage view={view} polls={polls} ideas={ideas} notice={text} />);
  });

  /** "Sharon: a family swim on Sundays" for the idea the form is about, if it is one. */
  const ideaLine = async (id: string) => {
    if (!id) return null;
    const idea = (await listIdeas(deps)).find((i) => String(i.id) === id);
    return idea ? `${idea.name}: ${idea.body}` : null;
  };

  const form = async (
    c: AdminContext,
    values: PollFormValues,
    status: 200 | 409 | 422,
    extra: {
      errors?: PollErrors;
      error?: string | null;
      preview?: Parameters<typeof NewPollPage>[0]["preview"];
    } = {},
  ) => {
    const view = viewOf(c, deps);
    const errors = extra.errors ?? {};
    const error = extra.error ?? (Object.keys(errors).length ? view.t("errors.form") : null);
    return c.html(
      <NewPollPage
        view={view}
        values={values}
        errors={errors}
        partners={await loadPartners(deps.db)}
        idea={await ideaLine(values.idea)}
        error={error}
        preview={extra.preview}
      />,
      status,
    );
  };

  app.get("/new", async (c) => {
    const values = emptyPollForm();
    // "Poll this idea": its words are the English question, and the poll remembers the idea.
    const idea = (await listIdeas(deps)).find((i) => String(i.id) === c.req.query("idea"));
    if (idea && idea.pollId === null) {
      values.question.en = idea.body.slice(0, 160);
      values.idea = String(idea.id);
      // A partner's POLL by SMS: its options too, in the contact's language (and as English until
      // the coordinator translates), to that partner's volunteers.
      const proposal = idea.proposal;
      if (proposal) {
        proposal.options.slice(0, values.options.length).forEach((o, i) => {
          const row = values.options[i];
          if (!row) return;
          row.en = o;
          row[proposal.locale] = o;
        });
        values.question[proposal.locale] = values.question.en;
        values.audience = "partner";
        values.partner = proposal.partnerId;
      }
    }
    return form(c, values, 200);
  });

  /** The form checked, then planned by the service itself: its errors, or the plan and the messages. */
  const plan = async (values: PollFormValues) => {
    const parsed = parsePollForm(values);
    if (!parsed.ok) return { ok: false as const, errors: parsed.errors };
    const planned = await sendPoll(deps, { ...parsed.input, preview: true }, "preview");
    if (!planned.ok)
      return { ok: false as const, errors: planned.error === "invalid" ? serviceErrors(planned.errors) : {} };
    return { ok: true as const, input: parsed.input, plan: planned.plan };
  };

  app.post("/new/preview", async (c) => {
    const values = readPollForm(await c.req.parseBody());
    const planned = await plan(values);
    if (!planned.ok) return form(c, values, 422, { errors: planned.errors });
    return form(c, values, 200, {
      preview: { plan: planned.plan, messages: messagesOf(deps, planned.input), token: newSendToken() },
    });
  });

  app.post("/new/send", async (c) => {
    const view = viewOf(c, deps);
    const body = await c.req.parseBody();
    const values = readPollForm(body);
    const token = typeof body.token === "string" ? body.token : "";
    // A Send form always carries its preview's token; without one it did not come from a preview.
    if (!isSendToken(token)) return form(c, values, 422, { error: view.t("polls:errors.token") });
    const planned = await plan(values);
    if (!planned.ok) return form(c, values, 422, { errors: planned.errors });
    if (!planned.plan.recipients) return form(c, values, 422, { error: view.t("polls:errors.nobody") });
    if (!(await claimSend(deps, token, actor(c), planned.input.question.en)))
      return c.redirect(href("/polls", { notice: "already" }), 303);
    const sent = await sendPoll(deps, { ...planned.input, preview: false }, actor(c));
    if (sent.ok && sent.id !== null)
      return c.redirect(
        href(`/polls/${sent.id}`, { notice: sent.plan.deferred ? "scheduled" : "sent" }),
        303,
      );
    if (!sent.ok && sent.error === "invalid")
      return form(c, values, 422, { errors: serviceErrors(sent.errors) });
    return form(c, values, 422, { error: view.t("polls:errors.nobody") });
  });

  const results = async (
    c: AdminContext,
    poll: PollResults,
    status: 200 | 400 | 404 | 409,
    values: PollEventValues,
    errors: FormErrors = {},
  ) => {
    const view = viewOf(c, deps);
    const notice = c.req.query("notice") ?? "";
    const event = poll.eventId ? await loadEvent(deps.db, poll.eventId) : null;
    return c.html(
      <ResultsPage
        view={view}
        poll={poll}
        partners={await partnerChoices(deps.db)}
        values={values}
        errors={errors}
        notice={POLL_NOTICES.has(notice) ? view.t(`polls:notice.${notice}`) : null}
        eventTitle={event ? inLocale({ en: event.title.en ?? event.id, ...event.title }, view.locale) : null}
      />,
      status,
    );
  };

  /** The poll of the path, or null (404). */
  const pollOf = async (c: AdminContext) => {
    const id = idParam(c.req.param("id"));
    return id === null ? null : pollResults(deps, id);
  };

  app.get("/:id", async (c) => {
    const poll = await pollOf(c);
    if (!poll) return c.notFound();
    // The leading option is the likely event.
    const top = poll.counts.indexOf(Math.max(...poll.counts)) + 1;
    return results(c, poll, 200, blankPollEvent(String(top)));
  });

  app.post("/:id/event", async (c) => {
    const poll = await pollOf(c);
    if (!poll) return c.notFound();
    const values = readPollEventForm(await c.req.parseBody());
    const parsed = parsePollEventForm(values, poll.options);
    if (!parsed.ok) return results(c, poll, 400, values, parsed.errors);
    const made = await pollToEvent(deps, poll.id, parsed.input, actor(c));
    if (!made.ok)
      return results(c, (await pollResults(deps, poll.id)) ?? poll, made.status, values, made.errors);
    return c.redirect(href(`/polls/${poll.id}`, { notice: "event" }), 303);
  });

  return app;
}

/** The message each language's members get, as the service words it. */
function messagesOf(deps: Deps, input: PollInput) {
  const how = (l: (typeof LOCALES)[number]) => deps.i18n.t(l, "poll.how", { count: input.options.length });
  return LOCALES.map((l) => ({
    locale: l,
    text: pollText(input.question as LocalText, input.options as LocalText[], l, how(l)),
  }));
}
