// /admin/api/partners and /admin/api/requests: partners with their contacts, aliases, activities and
// open requests; add or edit a partner (the body in the scheme file's partner shape, checked by the
// partner form's own rules and saved by its own statements); confirm or reject an open request on the
// partner's behalf, exactly as the partners page does.
import { Hono } from "hono";
import * as z from "zod/mini";
import { type Contact, LOCALES } from "../../core/types.ts";
import type { Deps } from "../../deps.ts";
import { deliverDue } from "../../jobs/outbox.ts";
import { lazy } from "../../lib/lazy.ts";
import { toE164 } from "../../lib/phone.ts";
import { normaliseActivity } from "../../scheme/schema.ts";
import { type Decision, settleOnBehalf } from "../../services/settle-request.ts";
import { isConflict } from "../../store/db.ts";
import { english, invalid, notFound, readBody } from "../shell/api-input.ts";
import type { AdminContext, AdminEnv } from "../shell/view.ts";
import { checkPartner, type PartnerFormValues } from "./form.ts";
import { listPartners, loadPartner, type PartnerListing, partnerWords } from "./partners.ts";
import { savePartnerStatements } from "./save.ts";

/** A partner as a scheme file writes it; ids of contacts are not part of it (they are matched by phone). */
const partnerBody = lazy(() => {
  const title = z
    .looseObject({ en: z.optional(z.string()), pl: z.optional(z.string()), lv: z.optional(z.string()) })
    .check(z.refine((t) => Boolean(t.en || t.pl || t.lv), "needs a title in at least one of en, pl, lv"));
  return z.looseObject({
    id: z.optional(z.string()),
    name: z.string(),
    earn: z._default(z.boolean(), true),
    spend: z._default(z.boolean(), false),
    aliases: z._default(z.array(z.string()), []),
    activities: z._default(
      z.array(
        z.union([z.string(), z.looseObject({ id: z.string(), title })], "expected a name or {id, title}"),
      ),
      [],
    ),
    contacts: z._default(
      z.array(
        z.looseObject({
          name: z.string(),
          phone: z.optional(z.string()),
          telegramId: z.optional(z.int()),
          locale: z._default(z.enum(LOCALES), "en"),
        }),
      ),
      [],
    ),
  });
});
type PartnerBody = z.output<ReturnType<typeof partnerBody>>;

const settleBody = lazy(() =>
  z.object({
    partner: z.string().check(z.minLength(1)),
    reason: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  }),
);

/** A partner listing as JSON. */
const shown = ({ partner, contacts, requests }: PartnerListing) => ({ ...partner, contacts, requests });

/**
 * The body as the form's values: a listed contact keeps the id of the existing one with the same phone
 * (or Telegram id); existing contacts the body leaves out are removed, as a scheme file import does.
 */
function formOf(body: PartnerBody, existing: Contact[], fixedId?: string) {
  const matched = new Set<number>();
  const contacts: PartnerFormValues["contacts"] = body.contacts.map((c) => {
    const phone = c.phone ? toE164(c.phone) : null;
    const known = existing.find(
      (k) =>
        !matched.has(k.id) &&
        ((phone !== null && k.phone === phone) ||
          (!c.phone && c.telegramId && k.telegramId === c.telegramId)),
    );
    if (known) matched.add(known.id);
    const row = { id: known ? String(known.id) : "", name: c.name, phone: c.phone ?? "" };
    return { ...row, locale: c.locale, remove: false };
  });
  for (const k of existing.filter((k) => !matched.has(k.id)))
    contacts.push({ id: String(k.id), name: k.name, phone: k.phone ?? "", locale: k.locale, remove: true });
  const values = {
    id: fixedId ?? body.id?.trim() ?? "",
    name: body.name,
    earn: body.earn,
    spend: body.spend,
    contacts,
  };
  const lists = {
    aliases: body.aliases.map((a) => a.trim()),
    activities: body.activities.map(normaliseActivity),
  };
  return { values, lists };
}

export function partnersApiRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const find = async (id: string) => (await listPartners(deps.db)).find((l) => l.partner.id === id);

  app.get("/partners", async (c) => c.json({ partners: (await listPartners(deps.db)).map(shown) }));

  app.get("/partners/:id", async (c) => {
    const listing = await find(c.req.param("id"));
    return listing ? c.json(shown(listing)) : notFound(c, "no such partner");
  });

  const save = async (c: AdminContext, id: string | null) => {
    const before = id === null ? null : await loadPartner(deps.db, id);
    if (id !== null && !before) return notFound(c, "no such partner");
    const body = await readBody(c, deps, partnerBody());
    if (!body.ok) return body.response;
    if (id !== null && body.data.id !== undefined && body.data.id !== id)
      return invalid(c, [{ path: "id", message: "must be the partner's id in the URL" }]);
    const { values, lists } = formOf(body.data, before?.contacts ?? [], id ?? undefined);
    const checked = checkPartner(values, lists, {
      contacts: before?.contacts ?? [],
      words: await partnerWords(deps.db),
      creating: id === null,
    });
    if (!checked.ok)
      return invalid(
        c,
        Object.entries(checked.errors).map(([path, key]) => ({ path, message: english(deps, key) })),
      );
    try {
      await deps.db.batch(
        savePartnerStatements(checked.input, before, c.get("coordinator").actor, deps.now()),
        "write",
      );
    } catch (error) {
      // Another save got there first (the same id, or a phone now listed twice): nothing was written.
      if (!isConflict(error)) throw error;
      return c.json({ error: "conflict", message: english(deps, "partners.errors.conflict") }, 409);
    }
    const saved = await find(checked.input.id);
    return c.json(saved ? shown(saved) : { id: checked.input.id }, id === null ? 201 : 200);
  };

  app.post("/partners", (c) => save(c, null));
  app.put("/partners/:id", (c) => save(c, c.req.param("id")));

  app.post("/requests/:code/:decision{confirm|reject}", async (c) => {
    const body = await readBody(c, deps, settleBody());
    if (!body.ok) return body.response;
    const listing = await find(body.data.partner);
    if (!listing) return notFound(c, "no such partner");
    const request = listing.requests.find((r) => r.code === c.req.param("code"));
    if (!request) return notFound(c, "no open request with this code at this partner");
    const decision: Decision = c.req.param("decision") === "confirm" ? "confirmed" : "rejected";
    const result = await settleOnBehalf(deps, {
      entryId: request.entryId,
      decision,
      reason: decision === "rejected" && body.data.reason ? body.data.reason : null,
      actor: c.get("coordinator").actor,
    });
    if (!result.ok)
      return result.error === "already"
        ? c.json({ error: "already settled", status: result.status, settledBy: result.settledBy }, 409)
        : notFound(c, "no open request with this code at this partner");
    // The member's news goes out now, as after a contact's answer.
    deps.later(deliverDue(deps));
    return c.json({
      code: result.code,
      entry: request.entryId,
      status: decision,
      member: request.memberId,
      minutes: result.minutes,
    });
  });

  return app;
}
