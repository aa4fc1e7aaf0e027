// The simulator's single HTML page: inline CSS and vanilla JS, no external assets (it must work
// offline). Every visible string comes from the `sim` namespace; data is put in the DOM as text only.
import { LOCALES } from "../../core/types.ts";

/** Language names in their own language: the same in every page language, so not translated. */
const AUTONYMS: Record<string, string> = { en: "English", pl: "Polski", lv: "Latviešu" };

/** Keys the client script reads at run time (the markup's own strings are rendered here). */
const CLIENT_KEYS = [
  "talkingAs",
  "newNumber",
  "member",
  "partnerContact",
  "you",
  "bot",
  "sendFailed",
  "needNumber",
  "badNumber",
  "to",
  "status_pending",
  "status_sent",
  "status_failed",
  "transport_sim",
  "transport_twilio",
  "replyAs",
  "viaOutbox",
  "offline",
] as const;

const TRY_KEYS = ["cmdBalance", "cmdLog", "cmdEvents", "cmdHistory", "cmdHelp", "cmdMenu"] as const;

/** Escapes text for HTML element content and double-quoted attributes. */
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** JSON that is safe inside a <script> element: no "</script>", no "<!--". */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The whole simulator page in language `lang`.
 * Plural labels are sent as a table keyed by the language's plural categories (`one`, `few`, …),
 * so the client picks one with `Intl.PluralRules` without an i18n library.
 */
export function simPage(t: (key: string) => string, lang: string): string {
  const strings: Record<string, unknown> = Object.fromEntries(CLIENT_KEYS.map((key) => [key, t(key)]));
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  strings.segments = Object.fromEntries(categories.map((category) => [category, t(`segments_${category}`)]));
  const languages = LOCALES.map((l) =>
    l === lang
      ? `<a aria-current="true" lang="${l}">${esc(AUTONYMS[l] ?? l)}</a>`
      : `<a href="?lang=${l}" lang="${l}" hreflang="${l}">${esc(AUTONYMS[l] ?? l)}</a>`,
  ).join("");
  const tries = TRY_KEYS.map(
    (key) => `<button type="button" class="chip" data-try>${esc(t(key))}</button>`,
  ).join("");
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'">
<link rel="icon" href="data:,">
<title>${esc(t("title"))}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top">
  <div>
    <h1>${esc(t("title"))}</h1>
    <p class="intro">${esc(t("intro"))}</p>
  </div>
  <nav class="langs" aria-label="${esc(t("language"))}">${languages}</nav>
</header>
<main class="layout">
  <section class="chat card" aria-labelledby="chat-title">
    <h2 id="chat-title" class="visually-hidden">${esc(t("conversation"))}</h2>
    <form id="who-form" class="who" autocomplete="off">
      <label for="phone">${esc(t("phoneLabel"))}</label>
      <input id="phone" name="phone" type="tel" inputmode="tel" list="people" placeholder="${esc(t("phonePlaceholder"))}" spellcheck="false">
      <datalist id="people"></datalist>
      <p id="who" class="who-line" aria-live="polite"></p>
      <div class="picks">
        <div class="pick-group"><span class="pick-label">${esc(t("members"))}</span><span id="pick-members" class="chips"></span><button type="button" id="new-person" class="chip new">+ ${esc(t("newPerson"))}</button></div>
        <details class="pick-more"><summary>${esc(t("contacts"))} <span id="contacts-count"></span></summary><div id="pick-contacts" class="pick-group"></div></details>
      </div>
    </form>
    <ol id="thread" class="thread" role="log" aria-live="polite" aria-label="${esc(t("conversation"))}"></ol>
    <p id="empty" class="empty">${esc(t("emptyThread"))}</p>
    <div class="tries"><span class="pick-label">${esc(t("try"))}</span>${tries}</div>
    <form id="composer" class="composer">
      <label for="text" class="visually-hidden">${esc(t("messageLabel"))}</label>
      <textarea id="text" name="text" rows="2" maxlength="1600" placeholder="${esc(t("messagePlaceholder"))}"></textarea>
      <button id="send" type="submit">${esc(t("send"))}</button>
    </form>
    <p id="status" class="status" role="status"></p>
  </section>
  <aside class="panel card" aria-labelledby="outbox-title">
    <h2 id="outbox-title">${esc(t("outboxTitle"))}</h2>
    <p class="hint">${esc(t("outboxHint"))}</p>
    <p id="outbox-empty" class="empty">${esc(t("outboxEmpty"))}</p>
    <ol id="outbox" class="outbox" aria-live="polite"></ol>
  </aside>
</main>
<script type="application/json" id="sim-strings">${scriptJson(strings)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const STYLE = `
*{box-sizing:border-box}
:root{--bg:#f3f4f6;--card:#fff;--ink:#1f2933;--muted:#5b6673;--line:#d8dde3;--me:#0b6bcb;--bot:#fff;--out:#fff8e1;--bad:#b3261e;--ok:#1e7a3c;--focus:#f59e0b}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.3rem;margin:0 0 .25rem}
h2{font-size:1.05rem;margin:0 0 .25rem}
p{margin:0}
button,input,textarea{font:inherit;color:inherit}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.top{display:flex;flex-wrap:wrap;gap:.5rem 1rem;justify-content:space-between;align-items:flex-start;padding:1rem 1rem .5rem;max-width:1280px;margin:0 auto}
.intro,.hint,.who-line,.status{color:var(--muted);font-size:.9rem}
.langs{display:flex;gap:.25rem}
.langs a{padding:.3rem .55rem;border-radius:6px;color:var(--me);text-decoration:none;font-size:.9rem}
.langs a[aria-current]{background:var(--ink);color:#fff}
.layout{display:grid;gap:1rem;padding:0 1rem 1rem;max-width:1280px;margin:0 auto}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:1rem;min-width:0}
.chat{display:flex;flex-direction:column;gap:.6rem}
.who{display:flex;flex-direction:column;gap:.3rem}
.who label{font-weight:600}
input,textarea{width:100%;border:1px solid #9aa5b1;border-radius:8px;padding:.55rem .7rem;background:#fff}
.picks{display:flex;flex-direction:column;gap:.35rem}
.pick-group,.tries{display:flex;flex-wrap:wrap;gap:.35rem;align-items:center}
.chips{display:contents}
.pick-more summary{cursor:pointer;font-size:.85rem;color:var(--muted);padding:.2rem 0}
.pick-more .pick-group{max-height:11rem;overflow-y:auto;padding:.2rem 0}
.pick-label{font-size:.8rem;color:var(--muted);margin-right:.15rem}
.chip{border:1px solid var(--line);background:#f8fafc;border-radius:999px;padding:.3rem .7rem;font-size:.85rem;cursor:pointer;min-height:2.1rem}
.chip:hover{border-color:var(--me)}
.chip[aria-pressed=true]{background:var(--me);border-color:var(--me);color:#fff}
.chip.new{border-style:dashed}
.thread{list-style:none;margin:0;padding:.75rem;display:flex;flex-direction:column;gap:.5rem;background:#eef1f4;border-radius:10px;height:min(52vh,520px);min-height:14rem;overflow-y:auto}
.msg{max-width:85%;padding:.5rem .75rem;border-radius:14px;box-shadow:0 1px 1px rgba(0,0,0,.06)}
.msg .text{white-space:pre-wrap;overflow-wrap:anywhere}
.msg .note{font-size:.75rem;color:var(--muted);margin-top:.2rem}
.msg.me{align-self:flex-end;background:var(--me);color:#fff;border-bottom-right-radius:4px}
.msg.bot{align-self:flex-start;background:var(--bot);border-bottom-left-radius:4px}
.msg.received{align-self:flex-start;background:var(--out);border:1px dashed #d6b656}
.msg.error{align-self:center;background:#fdecea;color:var(--bad);font-size:.9rem}
.msg.pending{opacity:.6}
.empty{color:var(--muted);font-size:.9rem;text-align:center}
.composer{display:flex;gap:.5rem;align-items:stretch}
.composer textarea{resize:vertical;min-height:2.9rem}
.composer button{border:0;border-radius:8px;background:var(--me);color:#fff;padding:0 1.1rem;font-weight:600;cursor:pointer;min-width:5rem}
.composer button:disabled{opacity:.55;cursor:progress}
.panel{display:flex;flex-direction:column;gap:.5rem}
.outbox{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.6rem}
.out{border:1px solid var(--line);border-radius:10px;padding:.6rem .7rem;background:var(--out)}
.out .meta{font-size:.85rem;display:flex;flex-wrap:wrap;gap:.1rem .5rem;align-items:baseline}
.out .addr,.out time{color:var(--muted);font-size:.8rem}
.out .text{white-space:pre-wrap;overflow-wrap:anywhere;margin:.3rem 0}
.out .note{font-size:.78rem;color:var(--muted)}
.badge{display:inline-block;border-radius:4px;padding:0 .35rem;font-weight:600;color:#fff;background:var(--muted)}
.badge.sent{background:var(--ok)}
.badge.failed{background:var(--bad)}
.out button{margin-top:.4rem;border:1px solid var(--me);color:var(--me);background:#fff;border-radius:6px;padding:.3rem .6rem;font-size:.85rem;cursor:pointer}
@media (min-width:900px){
  .layout{grid-template-columns:minmax(0,1fr) minmax(300px,380px);align-items:start}
  .thread{height:clamp(16rem,calc(100vh - 30rem),640px)}
  .panel{position:sticky;top:1rem;max-height:calc(100vh - 2rem);overflow-y:auto}
}
`;

// Plain ES2020 run by the browser as is: no template literals inside, so this string needs no escaping.
const SCRIPT = `
(function () {
  "use strict";
  var S = JSON.parse(document.getElementById("sim-strings").textContent);
  var lang = document.documentElement.lang;
  var plural = new Intl.PluralRules(lang);
  var base = location.pathname.replace(/\\/+$/, "");
  var $ = function (id) { return document.getElementById(id); };
  var phone = $("phone"), thread = $("thread"), empty = $("empty"), text = $("text"), sendButton = $("send");
  var outboxList = $("outbox"), status = $("status");
  var threads = new Map();   // thread key (E.164 once known) -> [{ kind, text, segments, encoding, id }]
  var aliases = new Map();   // number as typed, compacted -> E.164 the server answered with
  var names = new Map();     // E.164 -> "Anna (member, pl)"
  var outbox = new Map();    // outbox id -> { message, item }
  var lastOutboxId = 0;
  var MAX_MEMBER_CHIPS = 8;  // everyone else is in the phone field's suggestions

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content != null) node.textContent = content;
    return node;
  }
  // A first guess at E.164 (UK national form) so a typed number finds its person; the server's answer wins.
  function compact(value) {
    var c = value.replace(/[\\s().-]/g, "");
    if (/^0\\d{10}$/.test(c)) return "+44" + c.slice(1);
    if (/^00\\d{8,}$/.test(c)) return "+" + c.slice(2);
    return c;
  }
  function key() { var c = compact(phone.value); return aliases.get(c) || c; }
  function segmentNote(n, encoding) {
    return n + " " + (S.segments[plural.select(n)] || S.segments.other) + " (" + encoding + ")";
  }

  function bubble(entry) {
    var item = el("li", "msg " + entry.kind);
    item.append(el("span", "visually-hidden", (entry.kind === "me" ? S.you : S.bot) + ": "));
    item.append(el("p", "text", entry.text));
    var notes = [];
    if (entry.segments) notes.push(segmentNote(entry.segments, entry.encoding));
    if (entry.kind === "received") notes.push(S.viaOutbox);
    if (notes.length) item.append(el("p", "note", notes.join(" · ")));
    return item;
  }
  function renderThread() {
    var entries = threads.get(key()) || [];
    thread.replaceChildren.apply(thread, entries.map(bubble));
    empty.hidden = entries.length > 0;
    thread.scrollTop = thread.scrollHeight;
  }
  function push(threadKey, entry) {
    if (!threads.has(threadKey)) threads.set(threadKey, []);
    threads.get(threadKey).push(entry);
    if (threadKey === key()) renderThread();
  }
  function renderWho() {
    var k = key();
    $("who").textContent = k ? S.talkingAs + ": " + (names.get(k) || S.newNumber) : "";
    document.querySelectorAll("[data-phone]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.phone === k));
    });
  }
  function selectNumber(value, reveal) {
    phone.value = value;
    renderWho();
    renderThread();
    text.focus({ preventScroll: Boolean(reveal) });
    if (reveal) $("who-form").scrollIntoView({ behavior: "smooth", block: "start" });
  }

  function pickButton(label, number, title) {
    var button = el("button", "chip", label);
    button.type = "button";
    button.dataset.phone = number;
    button.title = title + " · " + number;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () { selectNumber(number); });
    return button;
  }
  async function loadPeople() {
    var res = await fetch(base + "/api/people");
    var people = await res.json();
    var options = [];
    people.members.forEach(function (m, index) {
      var label = m.name + " (" + S.member + ", " + m.locale + ")";
      names.set(m.phone, label);
      options.push(new Option(label, m.phone));
      if (index < MAX_MEMBER_CHIPS) $("pick-members").append(pickButton(m.name, m.phone, label));
    });
    people.contacts.forEach(function (c) {
      var label = c.name + " — " + c.partner + " (" + S.partnerContact + ")";
      names.set(c.phone, label);
      options.push(new Option(label, c.phone));
      $("pick-contacts").append(pickButton(c.name + " — " + c.partner, c.phone, label));
    });
    $("people").replaceChildren.apply($("people"), options);
    $("contacts-count").textContent = "(" + people.contacts.length + ")";
    if (!phone.value && people.members.length) phone.value = people.members[0].phone;
    renderWho();
    renderThread();
  }

  async function send(event) {
    event.preventDefault();
    var address = phone.value.trim(), body = text.value;
    if (!address) { status.textContent = S.needNumber; phone.focus(); return; }
    if (!body.trim()) return;
    var sentFrom = key();
    var mine = { kind: "me pending", text: body };
    push(sentFrom, mine);
    text.value = "";
    sendButton.disabled = true;
    status.textContent = "";
    try {
      var res = await fetch(base + "/api/send", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ address: address, text: body }),
      });
      var data = await res.json().catch(function () { return null; });
      if (res.status === 400 && data && /^address/.test(data.error)) throw new Error(S.badNumber);
      if (!res.ok || !data || !data.replies) throw new Error((data && data.error) || res.status + " " + res.statusText);
      mine.kind = "me";
      if (data.address !== sentFrom) moveThread(sentFrom, data.address);
      data.replies.forEach(function (r) {
        push(data.address, { kind: "bot", text: r.text, segments: r.segments, encoding: r.encoding });
      });
      setTimeout(pollOutbox, 400);
    } catch (error) {
      mine.kind = "me";
      push(sentFrom, { kind: "error", text: S.sendFailed + " " + error.message });
    } finally {
      sendButton.disabled = false;
      renderWho();
      renderThread();
      text.focus();
    }
  }
  function moveThread(from, to) {
    aliases.set(from, to);
    var moved = threads.get(from) || [];
    threads.delete(from);
    threads.set(to, (threads.get(to) || []).concat(moved));
  }

  function describeDelivery(m) {
    var parts = [];
    if (m.transport && m.status === "sent") parts.push(S["transport_" + m.transport] || m.transport);
    parts.push(segmentNote(m.segments, m.encoding));
    return parts.join(" · ");
  }
  function outboxItem(m) {
    var item = el("li", "out");
    var meta = el("p", "meta");
    meta.append(el("strong", null, S.to + ": " + (names.get(m.address) || m.address)));
    if (names.has(m.address)) meta.append(el("span", "addr", m.address));
    var time = el("time", null, new Date(m.createdAt).toLocaleTimeString(lang === "en" ? "en-GB" : lang, { hour: "2-digit", minute: "2-digit" }));
    time.dateTime = m.createdAt;
    meta.append(time);
    var note = el("p", "note");
    note.append(el("span", "badge " + m.status, S["status_" + m.status] || m.status), " " + describeDelivery(m));
    item.append(meta, el("p", "text", m.body), note);
    if (m.channel === "sms") {
      var reply = el("button", null, S.replyAs);
      reply.type = "button";
      reply.addEventListener("click", function () { selectNumber(m.address, true); });
      item.append(reply);
    }
    return item;
  }
  function upsertOutbox(m) {
    var known = outbox.get(m.id);
    var item = outboxItem(m);
    if (known) known.item.replaceWith(item);
    else {
      outboxList.prepend(item);
      if (m.channel === "sms") push(m.address, { kind: "received", text: m.body, segments: m.segments, encoding: m.encoding });
    }
    outbox.set(m.id, { message: m, item: item });
    lastOutboxId = Math.max(lastOutboxId, m.id);
    $("outbox-empty").hidden = true;
  }
  var polling = false;
  async function pollOutbox() {
    if (polling) return;
    polling = true;
    // Ask again from the oldest row still waiting, so its status moves on to sent or failed.
    var after = lastOutboxId;
    outbox.forEach(function (o, id) { if (o.message.status === "pending") after = Math.min(after, id - 1); });
    try {
      var res = await fetch(base + "/api/outbox?after=" + after);
      if (!res.ok) throw new Error(String(res.status));
      (await res.json()).messages.forEach(upsertOutbox);
      if (status.textContent === S.offline) status.textContent = "";
    } catch (error) {
      status.textContent = S.offline;
    } finally {
      polling = false;
    }
  }

  $("who-form").addEventListener("submit", function (event) { event.preventDefault(); text.focus(); });
  phone.addEventListener("input", function () { renderWho(); renderThread(); });
  $("composer").addEventListener("submit", send);
  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  document.querySelectorAll("[data-try]").forEach(function (button) {
    button.addEventListener("click", function () { text.value = button.textContent; text.focus(); });
  });
  $("new-person").addEventListener("click", function () {
    var number;
    // Ofcom's range for drama, 07700 900000-900999: never a real person's phone.
    do number = "+447700900" + String(200 + Math.floor(Math.random() * 800));
    while (names.has(number) || threads.has(number));
    selectNumber(number);
  });

  renderWho();
  renderThread();
  loadPeople().catch(function () { status.textContent = S.offline; });
  pollOutbox();
  setInterval(pollOutbox, 2000);
})();
`;
