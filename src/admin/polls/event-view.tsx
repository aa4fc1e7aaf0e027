// "Make this an event" as a form: the option (the leading one chosen), the partner, the start, the
// cost and the places, each error beside its field (the events form's own fields); it posts to
// /admin/polls/:id/event.
import { inLocale } from "../../core/polls.ts";
import type { PollResults } from "../../services/polls.ts";
import type { FormErrors } from "../events/form.ts";
import { Err, Field, invalid, PartnerField } from "../events/form-view.tsx";
import { Csrf } from "../shell/layout.tsx";
import { href, type View } from "../shell/view.ts";
import type { PollEventValues } from "./event-form.ts";

export const EventForm = ({
  view,
  poll,
  values,
  errors,
  partners,
}: {
  view: View;
  poll: PollResults;
  values: PollEventValues;
  errors: FormErrors;
  partners: Array<{ id: string; name: string }>;
}) => {
  const t = view.t;
  return (
    <form class="panel" method="post" action={href(`/polls/${poll.id}/event`)} aria-labelledby="event-title">
      <h2 id="event-title">{t("polls:event.title")}</h2>
      <Csrf view={view} />
      <p class="muted">{t("polls:event.intro")}</p>
      <Err view={view} errors={errors} path="form" />
      <label for="event-option">{t("polls:event.option")}</label>
      <select id="event-option" name="option" required aria-invalid={invalid(errors, "option")}>
        {poll.options.map((o, i) => (
          <option value={String(i + 1)} selected={values.option === String(i + 1)}>
            {`${i + 1} ${inLocale(o, view.locale)}`}
          </option>
        ))}
      </select>
      <Err view={view} errors={errors} path="option" />
      <PartnerField view={view} partners={partners} value={values.partner} errors={errors} />
      <div class="grid2">
        <Field
          view={view}
          errors={errors}
          name="startsAt"
          label={t("events:form.startsAt")}
          hint={t("events:form.startsAtHint", { timezone: view.timezone })}
          value={values.startsAt}
          type="datetime-local"
          required
        />
        <Field
          view={view}
          errors={errors}
          name="cost"
          label={t("events:form.cost")}
          hint={t("events:form.eventCostHint")}
          value={values.cost}
          inputmode="decimal"
          required
        />
        <Field
          view={view}
          errors={errors}
          name="capacity"
          label={t("events:form.capacity")}
          hint={t("events:form.capacityHint")}
          value={values.capacity}
          inputmode="numeric"
        />
      </div>
      <div class="actions">
        <button type="submit">{t("polls:event.submit")}</button>
      </div>
    </form>
  );
};
