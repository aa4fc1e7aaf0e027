/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The simulator page's script, run by the browser (never imported by the server). Biome checks it, and
// tsc against the browser's DOM alone (src/channels/sim/tsconfig.json, in `npm run typecheck`: the
// Workers types redefine Element). scripts/sim-client.mjs bundles it with esbuild into client-script.ts,
// the text page.ts puts inline in the page (test/unit/sim-client.test.ts fails while that is stale).
// Every visible string comes from the page's `sim-strings` blob; data goes into the DOM as text only.

/** The page's strings: the `sim` namespace keys the script uses, plus plural forms of "segments". */
type Strings = Record<string, string> & { segments: Record<string, string> };

interface Button {
  label: string;
  data: string;
}

/** One bubble in a thread. */
interface Entry {
  kind: "me" | "bot" | "received" | "error";
  text: string;
  channel?: string;
  pending?: boolean;
  action?: boolean;
  note?: string;
  segments?: number;
  encoding?: string;
  buttons?: Button[][];
  shareContact?: boolean;
  shareLabel?: string;
  /** The "share my number" form is open, with the number typed so far. */
  sharing?: boolean;
  sharePhone?: string | null;
}

interface Person {
  name: string;
  phone: string | null;
  telegramId: number | string | null;
  locale: string;
  partner?: string;
}

interface People {
  members: Person[];
  contacts: Person[];
}

interface Known {
  label: string;
  phone: string | null;
  locale: string;
  name: string;
}

interface OutboxMessage {
  id: number;
  channel: string;
  address: string;
  body: string;
  status: string;
  createdAt: string;
  kind?: string;
  transport?: string;
  /** SMS only: WhatsApp and Telegram have no segments. */
  segments?: number;
  encoding?: string;
  buttons?: Button[][];
}

interface BotReply {
  text: string;
  buttons?: Button[][];
  shareContact?: boolean;
  shareLabel?: string;
  segments?: number;
  encoding?: string;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

const S = JSON.parse($("sim-strings").textContent ?? "") as Strings;
const lang = document.documentElement.lang;
const plural = new Intl.PluralRules(lang);
const base = location.pathname.replace(/\/+$/, "");
const phone = $<HTMLInputElement>("phone");
const tgId = $<HTMLInputElement>("tg-id");
const tgLang = $<HTMLSelectElement>("tg-lang");
const tgName = $<HTMLInputElement>("tg-name");
const waName = $<HTMLInputElement>("wa-name");
const thread = $<HTMLOListElement>("thread");
const empty = $("empty");
const text = $<HTMLTextAreaElement>("text");
const sendButton = $<HTMLButtonElement>("send");
const outboxList = $<HTMLOListElement>("outbox");
const status = $("status");
/** The channel the page talks on. */
let mode = "sms";
/** "sms:+447700900100" | "whatsapp:+447700900100" | "telegram:2002" -> entries. */
const threads = new Map<string, Entry[]>();
/** A number as typed, compacted -> the E.164 the server answered with. */
const aliases = new Map<string, string>();
/** Thread key -> who that is. */
const people = new Map<string, Known>();
/** The last people answer, to redraw the picks only when it changes. */
let peopleSeen = "";
/** Outbox id -> the message and its list item. */
const outbox = new Map<number, { message: OutboxMessage; item: HTMLLIElement }>();
let lastOutboxId = 0;
let busy = false;
let shareSeq = 0;
/** Everyone else is in the identity field's suggestions. */
const MAX_MEMBER_CHIPS = 8;
let lastPeople: People = { members: [], contacts: [] };
let polling = false;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string | null,
  content?: string | null,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content != null) node.textContent = content;
  return node;
}

/** A first guess at E.164 (UK national form) so a typed number finds its person; the server's answer wins. */
function compact(value: string): string {
  const c = value.replace(/[\s().-]/g, "");
  if (/^0\d{10}$/.test(c)) return `+44${c.slice(1)}`;
  if (/^00\d{8,}$/.test(c)) return `+${c.slice(2)}`;
  return c;
}

function telegramId(value: string): string {
  const d = value.trim();
  return /^\d{1,15}$/.test(d) ? String(Number(d)) : d;
}

function addressIn(channel: string): string {
  if (channel === "telegram") return telegramId(tgId.value);
  const c = compact(phone.value);
  return aliases.get(c) || c;
}

function key(): string {
  const a = addressIn(mode);
  return a ? `${mode}:${a}` : "";
}

/** SMS and WhatsApp are both addressed by the phone number. */
function byPhone(channel: string): boolean {
  return channel === "sms" || channel === "whatsapp";
}

function segmentNote(n: number, encoding: string | undefined): string {
  return `${n} ${S.segments[plural.select(n)] || S.segments.other} (${encoding})`;
}

/** Inline buttons under a bot message (Telegram); pressing one sends its callback data. */
function keyboard(entry: Entry): HTMLDivElement {
  const box = el("div", "keys");
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", S.buttons ?? "");
  for (const row of entry.buttons ?? []) {
    const line = el("div", "row");
    for (const b of row) {
      const button = el("button", "key", b.label);
      button.type = "button";
      button.disabled = busy;
      button.addEventListener("click", () => {
        press(b);
      });
      line.append(button);
    }
    box.append(line);
  }
  return box;
}

/** Telegram's "share my number" keyboard: asks which number to share (prefilled when known). */
function shareControls(entry: Entry): HTMLDivElement {
  const box = el("div", "share-box");
  if (!entry.sharing) {
    const open = el("button", "key share", entry.shareLabel || S.shareNumber);
    open.type = "button";
    open.addEventListener("click", () => {
      entry.sharing = true;
      if (entry.sharePhone == null) entry.sharePhone = people.get(key())?.phone || "";
      renderThread();
      const input = thread.querySelector<HTMLInputElement>(".share-form input");
      if (input) input.focus();
    });
    box.append(open);
    return box;
  }
  const form = el("form", "share-form");
  const id = `share-phone-${++shareSeq}`;
  const field = el("div", "sub");
  const label = el("label", null, S.sharePhoneLabel);
  label.htmlFor = id;
  const input = el("input");
  input.id = id;
  input.type = "tel";
  input.inputMode = "tel";
  input.autocomplete = "off";
  input.value = entry.sharePhone || "";
  input.addEventListener("input", () => {
    entry.sharePhone = input.value;
  });
  field.append(label, input);
  const ok = el("button", null, S.shareConfirm);
  ok.type = "submit";
  ok.disabled = busy;
  const cancel = el("button", "plain", S.cancel);
  cancel.type = "button";
  cancel.addEventListener("click", () => {
    entry.sharing = false;
    renderThread();
  });
  form.append(field, ok, cancel);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!input.value.trim()) {
      input.focus();
      return;
    }
    shareContact(entry, input.value.trim());
  });
  box.append(form);
  return box;
}

function viaOutbox(channel: string | undefined): string | undefined {
  if (channel === "telegram") return S.viaOutboxTelegram;
  return channel === "whatsapp" ? S.viaOutboxWhatsApp : S.viaOutbox;
}

function bubble(entry: Entry): HTMLLIElement {
  const item = el(
    "li",
    `msg ${entry.kind}${entry.action ? " action" : ""}${entry.pending ? " pending" : ""}`,
  );
  item.append(el("span", "visually-hidden", `${entry.kind === "me" ? S.you : S.bot}: `));
  item.append(el("p", "text", entry.text));
  const notes: string[] = [];
  if (entry.segments) notes.push(segmentNote(entry.segments, entry.encoding));
  if (entry.note) notes.push(entry.note);
  if (entry.kind === "received") notes.push(viaOutbox(entry.channel) ?? "");
  if (notes.length) item.append(el("p", "note", notes.join(" · ")));
  if (entry.buttons?.length) {
    item.classList.add("keyed");
    item.append(keyboard(entry));
  }
  if (entry.shareContact) {
    item.classList.add("keyed");
    item.append(shareControls(entry));
  }
  return item;
}

function renderThread(): void {
  const entries = threads.get(key()) || [];
  thread.replaceChildren(...entries.map(bubble));
  thread.classList.toggle("telegram", mode === "telegram");
  thread.classList.toggle("whatsapp", mode === "whatsapp");
  empty.hidden = entries.length > 0;
  thread.scrollTop = thread.scrollHeight;
}

function push(threadKey: string, entry: Entry): void {
  const list = threads.get(threadKey) ?? [];
  threads.set(threadKey, list);
  list.push(entry);
  if (threadKey === key()) renderThread();
}

function renderWho(): void {
  const k = key();
  const known = people.get(k);
  const as =
    mode === "telegram" ? S.talkingAsTelegram : mode === "whatsapp" ? S.talkingAsWhatsApp : S.talkingAs;
  const unknown = mode === "telegram" ? S.newTelegramUser : S.newNumber;
  $("who").textContent = k ? `${as}: ${known ? known.label : unknown}` : "";
  for (const b of document.querySelectorAll<HTMLElement>("[data-key]")) {
    b.setAttribute("aria-pressed", String(b.dataset.key === k));
  }
}

function setMode(channel: string): void {
  mode = channel;
  for (const r of document.querySelectorAll<HTMLInputElement>("input[name=channel]")) {
    r.checked = r.value === channel;
  }
  // A node's data-channel lists the channels it shows on: the phone field is for SMS and WhatsApp.
  for (const node of document.querySelectorAll<HTMLElement>("[data-channel]")) {
    node.hidden = !(node.dataset.channel ?? "").split(" ").includes(channel);
  }
  renderPicks();
  renderWho();
  renderThread();
}

function selectPerson(channel: string, address: string, reveal?: boolean): void {
  if (channel !== mode) setMode(channel);
  if (channel === "telegram") {
    tgId.value = address;
    const known = people.get(`telegram:${address}`);
    if (known) {
      if (known.locale) tgLang.value = known.locale;
      tgName.value = known.name;
    }
  } else {
    phone.value = address;
    if (channel === "whatsapp") waName.value = people.get(`whatsapp:${address}`)?.name ?? "";
  }
  renderWho();
  renderThread();
  text.focus({ preventScroll: Boolean(reveal) });
  if (reveal) $("who-form").scrollIntoView({ behavior: "smooth", block: "start" });
}

function pickButton(label: string, channel: string, address: string, title: string): HTMLButtonElement {
  const button = el("button", "chip", label);
  button.type = "button";
  button.dataset.key = `${channel}:${address}`;
  button.title = `${title} · ${address}`;
  button.setAttribute("aria-pressed", "false");
  button.addEventListener("click", () => {
    selectPerson(channel, address);
  });
  return button;
}

/** The quick picks and suggestions for the channel in use: who has a phone, or a Telegram id. */
function renderPicks(): void {
  const field = mode === "telegram" ? "telegramId" : "phone";
  const members = lastPeople.members.filter((m) => m[field] != null);
  const contacts = lastPeople.contacts.filter((c) => c[field] != null);
  const options: HTMLOptionElement[] = [];
  const memberChips: HTMLButtonElement[] = [];
  const contactChips: HTMLButtonElement[] = [];
  members.forEach((m, index) => {
    const address = String(m[field]);
    const label = `${m.name} (${S.member}, ${m.locale})`;
    options.push(new Option(label, address));
    if (index < MAX_MEMBER_CHIPS) memberChips.push(pickButton(m.name, mode, address, label));
  });
  for (const c of contacts) {
    const address = String(c[field]);
    const label = `${c.name} — ${c.partner} (${S.partnerContact})`;
    options.push(new Option(label, address));
    contactChips.push(pickButton(`${c.name} — ${c.partner}`, mode, address, label));
  }
  $("people").replaceChildren(...options);
  $("pick-members").replaceChildren(...memberChips);
  $("pick-contacts").replaceChildren(...contactChips);
  $("contacts-count").textContent = `(${contacts.length})`;
}

function learnPeople(list: People): void {
  people.clear();
  const learn = (person: Person, label: string) => {
    const info: Known = { label, phone: person.phone, locale: person.locale, name: person.name };
    if (person.phone != null) {
      // One person on a number, by SMS or on WhatsApp.
      people.set(`sms:${person.phone}`, info);
      people.set(`whatsapp:${person.phone}`, info);
    }
    if (person.telegramId != null) people.set(`telegram:${person.telegramId}`, info);
  };
  for (const m of list.members) learn(m, `${m.name} (${S.member}, ${m.locale})`);
  for (const c of list.contacts) learn(c, `${c.name} — ${c.partner} (${S.partnerContact})`);
}

async function loadPeople(): Promise<void> {
  const res = await fetch(`${base}/api/people`);
  if (!res.ok) throw new Error(String(res.status));
  const raw = await res.text();
  if (raw === peopleSeen) return;
  peopleSeen = raw;
  lastPeople = JSON.parse(raw) as People;
  learnPeople(lastPeople);
  renderPicks();
  if (!phone.value) {
    const first = lastPeople.members.find((m) => m.phone != null);
    if (first?.phone) phone.value = first.phone;
  }
  if (!tgId.value) {
    const firstTg = [...lastPeople.members, ...lastPeople.contacts].find((m) => m.telegramId != null);
    if (firstTg) selectTelegramQuietly(firstTg);
  }
  renderWho();
  renderThread();
}

function selectTelegramQuietly(person: Person): void {
  tgId.value = String(person.telegramId);
  if (person.locale) tgLang.value = person.locale;
  tgName.value = person.name;
}

function refreshPeople(): void {
  loadPeople().catch(() => {
    // The outbox poll reports the server being away.
  });
}

function setBusy(value: boolean): void {
  busy = value;
  sendButton.disabled = value;
  for (const b of thread.querySelectorAll<HTMLButtonElement>(".key, .share-form button[type=submit]")) {
    b.disabled = value;
  }
}

function profile(): { languageCode: string; firstName?: string } {
  const out: { languageCode: string; firstName?: string } = { languageCode: tgLang.value };
  const first = tgName.value.trim();
  if (first) out.firstName = first;
  return out;
}

/** The name in the WhatsApp profile, which Twilio sends as ProfileName. */
function whatsappProfile(): { profileName?: string } {
  const name = waName.value.trim();
  return name ? { profileName: name } : {};
}

function badAddress(channel: string): string | undefined {
  return channel === "telegram" ? S.badTelegramId : S.badNumber;
}

/** Sends one thing to the bot and shows its answer in the thread it came from. */
async function talk(
  path: string,
  payload: Record<string, unknown>,
  channel: string,
  sentFrom: string,
  mine: Entry,
): Promise<boolean> {
  setBusy(true);
  status.textContent = "";
  try {
    const res = await fetch(base + path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    const data = (await res.json().catch(() => null)) as {
      error?: string;
      address: string;
      replies?: BotReply[];
    } | null;
    if (res.status === 400 && data && /^address/.test(data.error ?? "")) throw new Error(badAddress(channel));
    if (res.status === 400 && data && /^phone/.test(data.error ?? "")) throw new Error(S.badNumber);
    if (!res.ok || !data?.replies) throw new Error(data?.error || `${res.status} ${res.statusText}`);
    mine.pending = false;
    const to = `${channel}:${data.address}`;
    if (to !== sentFrom) moveThread(channel, sentFrom, to, data.address);
    for (const r of data.replies) {
      if (channel === "telegram")
        push(to, {
          kind: "bot",
          channel,
          text: r.text,
          buttons: r.buttons,
          shareContact: r.shareContact,
          shareLabel: r.shareLabel,
        });
      else push(to, { kind: "bot", channel, text: r.text, segments: r.segments, encoding: r.encoding });
    }
    setTimeout(pollOutbox, 400);
    refreshPeople();
    return true;
  } catch (error) {
    mine.pending = false;
    push(sentFrom, { kind: "error", text: `${S.sendFailed} ${(error as Error).message}` });
    return false;
  } finally {
    setBusy(false);
    renderWho();
    renderThread();
  }
}

function moveThread(channel: string, from: string, to: string, address: string): void {
  if (byPhone(channel)) aliases.set(from.slice(channel.length + 1), address);
  const moved = threads.get(from) || [];
  threads.delete(from);
  threads.set(to, (threads.get(to) || []).concat(moved));
}

async function send(event: Event): Promise<void> {
  event.preventDefault();
  const channel = mode;
  const typed = channel === "telegram" ? tgId.value.trim() : phone.value.trim();
  const body = text.value;
  if (!typed) {
    status.textContent = (channel === "telegram" ? S.needTelegramId : S.needNumber) ?? "";
    (channel === "telegram" ? tgId : phone).focus();
    return;
  }
  if (!body.trim() || busy) return;
  const sentFrom = key();
  const mine: Entry = { kind: "me", pending: true, text: body };
  push(sentFrom, mine);
  text.value = "";
  const payload =
    channel === "telegram"
      ? Object.assign({ channel: "telegram", address: typed, text: body }, profile())
      : channel === "whatsapp"
        ? Object.assign({ channel: "whatsapp", address: typed, text: body }, whatsappProfile())
        : { address: typed, text: body };
  await talk("/api/send", payload, channel, sentFrom, mine);
  text.focus();
}

async function press(button: Button): Promise<void> {
  if (busy || mode !== "telegram") return;
  const sentFrom = key();
  const mine: Entry = { kind: "me", action: true, pending: true, text: button.label, note: S.pressed };
  push(sentFrom, mine);
  await talk(
    "/api/press",
    Object.assign({ address: tgId.value.trim(), data: button.data }, profile()),
    "telegram",
    sentFrom,
    mine,
  );
}

async function shareContact(entry: Entry, number: string): Promise<void> {
  if (busy || mode !== "telegram") return;
  const sentFrom = key();
  const mine: Entry = {
    kind: "me",
    action: true,
    pending: true,
    text: `📱 ${number}`,
    note: S.sharedContact,
  };
  push(sentFrom, mine);
  const ok = await talk(
    "/api/share-contact",
    Object.assign({ address: tgId.value.trim(), phone: number }, profile()),
    "telegram",
    sentFrom,
    mine,
  );
  if (ok) {
    entry.shareContact = false;
    renderThread();
  }
}

function describeDelivery(m: OutboxMessage): string {
  const parts: string[] = [];
  const kind = m.kind ? S[`kind_${m.kind}`] : undefined;
  if (m.channel === "telegram" && m.kind && m.kind !== "send" && kind) parts.push(kind);
  if (m.transport && m.status === "sent") {
    const transport = m.transport === "sim" && m.channel !== "sms" ? `sim_${m.channel}` : m.transport;
    parts.push(S[`transport_${transport}`] || m.transport);
  }
  if (m.channel === "sms" && m.segments) parts.push(segmentNote(m.segments, m.encoding));
  return parts.join(" · ");
}

function outboxItem(m: OutboxMessage): HTMLLIElement {
  const item = el("li", "out");
  const meta = el("p", "meta");
  const known = people.get(`${m.channel}:${m.address}`);
  meta.append(el("strong", null, `${S.to}: ${known ? known.label : m.address}`));
  const app = m.channel === "telegram" ? "Telegram" : m.channel === "whatsapp" ? "WhatsApp" : "";
  if (known) meta.append(el("span", "addr", app ? `${app} ${m.address}` : m.address));
  else if (app) meta.append(el("span", "addr", app));
  const time = el(
    "time",
    null,
    new Date(m.createdAt).toLocaleTimeString(lang === "en" ? "en-GB" : lang, {
      hour: "2-digit",
      minute: "2-digit",
    }),
  );
  time.dateTime = m.createdAt;
  meta.append(time);
  item.append(meta);
  if (m.body) item.append(el("p", "text", m.body));
  if (m.buttons?.length) {
    const labels = el("ul", "labels");
    labels.setAttribute("aria-label", S.buttons ?? "");
    for (const row of m.buttons) for (const b of row) labels.append(el("li", null, b.label));
    item.append(labels);
  }
  const note = el("p", "note");
  note.append(
    el("span", `badge ${m.status}`, S[`status_${m.status}`] || m.status),
    ` ${describeDelivery(m)}`,
  );
  item.append(note);
  if (byPhone(m.channel) || m.channel === "telegram") {
    const reply = el("button", null, S.replyAs);
    reply.type = "button";
    reply.addEventListener("click", () => {
      selectPerson(m.channel, m.address, true);
    });
    item.append(reply);
  }
  return item;
}

function upsertOutbox(m: OutboxMessage): void {
  const known = outbox.get(m.id);
  const item = outboxItem(m);
  if (known) known.item.replaceWith(item);
  else {
    outboxList.prepend(item);
    if (m.channel === "sms")
      push(`sms:${m.address}`, {
        kind: "received",
        channel: "sms",
        text: m.body,
        segments: m.segments,
        encoding: m.encoding,
      });
    else if (m.channel === "whatsapp")
      push(`whatsapp:${m.address}`, { kind: "received", channel: "whatsapp", text: m.body });
    else if (m.channel === "telegram" && m.kind !== "answer")
      push(`telegram:${m.address}`, {
        kind: "received",
        channel: "telegram",
        text: m.body,
        buttons: m.buttons,
      });
  }
  outbox.set(m.id, { message: m, item });
  lastOutboxId = Math.max(lastOutboxId, m.id);
  $("outbox-empty").hidden = true;
}

async function pollOutbox(): Promise<void> {
  if (polling) return;
  polling = true;
  // Ask again from the oldest row still waiting, so its status moves on to sent or failed.
  let after = lastOutboxId;
  outbox.forEach((o, id) => {
    if (o.message.status === "pending") after = Math.min(after, id - 1);
  });
  try {
    const res = await fetch(`${base}/api/outbox?after=${after}`);
    if (!res.ok) throw new Error(String(res.status));
    for (const m of ((await res.json()) as { messages: OutboxMessage[] }).messages) upsertOutbox(m);
    if (status.textContent === S.offline) status.textContent = "";
  } catch {
    status.textContent = S.offline ?? "";
  } finally {
    polling = false;
  }
}

$("who-form").addEventListener("submit", (event) => {
  event.preventDefault();
  text.focus();
});
for (const radio of document.querySelectorAll<HTMLInputElement>("input[name=channel]")) {
  radio.addEventListener("change", () => {
    if (radio.checked) setMode(radio.value);
  });
}
phone.addEventListener("input", () => {
  renderWho();
  renderThread();
});
tgId.addEventListener("input", () => {
  renderWho();
  renderThread();
});
$("composer").addEventListener("submit", send);
text.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $<HTMLFormElement>("composer").requestSubmit();
  }
});
for (const button of document.querySelectorAll<HTMLElement>("[data-try]")) {
  button.addEventListener("click", () => {
    text.value = button.textContent ?? "";
    text.focus();
  });
}
$("new-person").addEventListener("click", () => {
  let address: string;
  if (mode === "telegram") {
    // Demo Telegram ids are short (1001, 2002); a new one is six digits, never one already in use.
    do address = String(100000 + Math.floor(Math.random() * 900000));
    while (people.has(`telegram:${address}`) || threads.has(`telegram:${address}`));
    tgName.value = "";
  } else {
    // Ofcom's range for drama, 07700 900000-900999: never a real person's phone.
    const taken = (a: string) =>
      ["sms", "whatsapp"].some((c) => people.has(`${c}:${a}`) || threads.has(`${c}:${a}`));
    do address = `+447700900${String(200 + Math.floor(Math.random() * 800))}`;
    while (taken(address));
    waName.value = "";
  }
  selectPerson(mode, address);
});

setMode("sms");
loadPeople().catch(() => {
  status.textContent = S.offline ?? "";
});
pollOutbox();
setInterval(pollOutbox, 2000);

export {};
