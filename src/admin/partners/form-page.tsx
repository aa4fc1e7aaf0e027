// GET/POST /admin/partners/new and /admin/partners/:id/edit. A refused form comes back as it was
// typed, each error beside its field, with nothing written.
import { Hono } from "hono";
import type { Deps } from "../../deps.ts";
import { isConflict } from "../../store/db.ts";
import { type AdminContext, type AdminEnv, href, viewOf } from "../shell/view.ts";
import {
  type FormErrors,
  formValues,
  type PartnerFormValues,
  readPartnerForm,
  validatePartner,
} from "./form.ts";
import { PartnerForm } from "./form-view.tsx";
import { loadPartner, partnerWords } from "./partners.ts";
import { savePartnerStatements } from "./save.ts";

export function partnerFormRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const empty: PartnerFormValues = {
    id: "",
    name: "",
    aliases: "",
    earn: true,
    spend: false,
    activities: "",
    contacts: [],
  };

  app.get("/new", (c) => c.html(<PartnerForm view={viewOf(c, deps)} values={empty} errors={{}} creating />));

  app.get("/:id/edit", async (c) => {
    const found = await loadPartner(deps.db, c.req.param("id"));
    if (!found) return c.notFound();
    return c.html(
      <PartnerForm
        view={viewOf(c, deps)}
        values={formValues(found.partner, found.contacts)}
        errors={{}}
        creating={false}
      />,
    );
  });

  const save = async (c: AdminContext, id: string | null) => {
    const before = id === null ? null : await loadPartner(deps.db, id);
    if (id !== null && !before) return c.notFound();
    const values = readPartnerForm(await c.req.parseBody(), id ?? undefined);
    const view = viewOf(c, deps);
    const refuse = (errors: FormErrors) =>
      c.html(<PartnerForm view={view} values={values} errors={errors} creating={id === null} />, 422);
    const checked = validatePartner(values, {
      contacts: before?.contacts ?? [],
      words: await partnerWords(deps.db),
      creating: id === null,
    });
    if (!checked.ok) return refuse(checked.errors);
    try {
      await deps.db.batch(
        savePartnerStatements(checked.input, before, c.get("coordinator").actor, deps.now()),
        "write",
      );
    } catch (error) {
      // Another save got there first (the same id, or a phone now listed twice): nothing was written.
      if (isConflict(error)) return refuse({ form: "partners.errors.conflict" });
      throw error;
    }
    return c.redirect(href("/partners", { notice: "saved" }), 303);
  };

  app.post("/new", (c) => save(c, null));
  app.post("/:id/edit", (c) => save(c, c.req.param("id")));
  return app;
}
