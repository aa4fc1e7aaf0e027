// Broadcast: a message to a filtered group of members, in each one's language, with a preview.
// GET shows the form and past broadcasts; POST preview shows who it reaches, the segments and the
// cost, with a Send form carrying a fresh key; POST send queues it once, however often it is pressed.
import { Hono } from "hono";
import type { Deps } from "../../deps.ts";
import { loadPartners } from "../../scheme/store.ts";
import { type AdminContext, type AdminEnv, href, viewOf } from "../shell/view.ts";
import {
  type BroadcastErrors,
  type BroadcastFormValues,
  EMPTY_FORM,
  formToInput,
  inputToForm,
  readBroadcastForm,
} from "./form.ts";
import { newBroadcastKey, prepareBroadcast, sendBroadcast } from "./prepare.ts";
import { listBroadcasts } from "./store.ts";
import { BroadcastPage, type BroadcastPageProps } from "./view.tsx";

const NOTICES = new Set(["sent", "scheduled", "already"]);

export function broadcastRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  const render = async (
    c: AdminContext,
    status: 200 | 409 | 422,
    props: Omit<BroadcastPageProps, "view" | "partners">,
  ) => {
    const view = viewOf(c, deps);
    return c.html(<BroadcastPage view={view} partners={await loadPartners(deps.db)} {...props} />, status);
  };

  /** The form again with what was wrong; nothing has been written. */
  const refuse = (c: AdminContext, values: BroadcastFormValues, errors: BroadcastErrors, error?: string) => {
    const view = viewOf(c, deps);
    return render(c, 422, { values: { ...values, key: "" }, errors, error: error ?? view.t("errors.form") });
  };

  app.get("/", async (c) => {
    const view = viewOf(c, deps);
    const notice = c.req.query("notice");
    return render(c, 200, {
      values: EMPTY_FORM,
      notice: notice && NOTICES.has(notice) ? view.t(`broadcast:notice.${notice}`) : null,
      past: await listBroadcasts(deps.db),
    });
  });

  app.post("/preview", async (c) => {
    const values = readBroadcastForm(await c.req.parseBody());
    const prepared = await prepareBroadcast(deps, formToInput({ ...values, key: "" }));
    if (!prepared.ok) return refuse(c, values, prepared.errors);
    const sendValues = inputToForm({ ...prepared.input, key: newBroadcastKey() });
    return render(c, 200, { values: inputToForm(prepared.input), plan: prepared.plan, sendValues });
  });

  app.post("/send", async (c) => {
    const view = viewOf(c, deps);
    const values = readBroadcastForm(await c.req.parseBody());
    // A Send form always carries its preview's key; without one it did not come from a preview.
    if (!values.key)
      return refuse(c, values, { key: "broadcast:errors.key" }, view.t("broadcast:errors.key"));
    const result = await sendBroadcast(deps, formToInput(values), c.get("coordinator").actor);
    if (result.ok)
      return c.redirect(href("/broadcast", { notice: result.plan?.deferred ? "scheduled" : "sent" }), 303);
    if (result.error === "duplicate") return c.redirect(href("/broadcast", { notice: "already" }), 303);
    if (result.error === "nobody") return refuse(c, values, {}, view.t("broadcast:errors.nobody"));
    return refuse(c, values, result.errors);
  });

  return app;
}
