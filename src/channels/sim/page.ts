// The simulator's single HTML page: inline CSS and vanilla JS, no external assets (it must work
// offline). Every visible string comes from the `sim` namespace; data is put in the DOM as text only.
// Two channels: SMS (a phone number; segment counts shown) and Telegram (a user id; inline buttons
// under the bot's messages, and the "share my number" keyboard).
import { LOCALES } from "../../core/types.ts";

/** Language names in their own language: the same in every page language, so not translated. */
const AUTONYMS: Record<string, string> = { en: "English", pl: "Polski", lv: "Latviešu" };

/** Channel names are brand names: the same in every page language. */
const CHANNELS = [
  ["sms", "SMS"],
  ["telegram", "Telegram"],
] as const;

/** Keys the client script reads at run time (the markup's own strings are rendered here). */
const CLIENT_KEYS = [
  "talkingAs",
  "talkingAsTelegram",
  "newNumber",
  "newTelegramUser",
  "member",
  "partnerContact",
  "you",
  "bot",
  "sendFailed",
  "needNumber",
  "needTelegramId",
  "badNumber",
  "badTelegramId",
  "to",
  "status_pending",
  "status_sent",
  "status_failed",
  "transport_sim",
  "transport_sim_telegram",
  "transport_twilio",
  "transport_telegram",
  "kind_edit",
  "kind_answer",
  "replyAs",
  "viaOutbox",
  "viaOutboxTelegram",
  "buttons",
  "pressed",
  "shareNumber",
  "sharePhoneLabel",
  "shareConfirm",
  "cancel",
  "sharedContact",
  "offline",
] as const;

/** Suggestions under the thread; `telegram` ones only make sense there (PHONE links a number). */
const TRY_KEYS = [
  ["cmdBalance", "all"],
  ["cmdLog", "all"],
  ["cmdEvents", "all"],
  ["cmdHistory", "all"],
  ["cmdHelp", "all"],
  ["cmdMenu", "all"],
  ["cmdPhone", "telegram"],
] as const;

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
  const channels = CHANNELS.map(
    ([value, name], i) =>
      `<label><input type="radio" name="channel" value="${value}"${i === 0 ? " checked" : ""}><span>${esc(name)}</span></label>`,
  ).join("");
  const appLanguages = LOCALES.map(
    (l) =>
      `<option value="${l}"${l === lang ? " selected" : ""} lang="${l}">${esc(AUTONYMS[l] ?? l)}</option>`,
  ).join("");
  const tries = TRY_KEYS.map(
    ([key, channel]) =>
      `<button type="button" class="chip" data-try${channel === "all" ? "" : ` data-channel="${channel}" hidden`}>${esc(t(key))}</button>`,
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
      <fieldset class="switch"><legend class="visually-hidden">${esc(t("channel"))}</legend>${channels}</fieldset>
      <div id="sms-who" class="field" data-channel="sms">
        <label for="phone">${esc(t("phoneLabel"))}</label>
        <input id="phone" name="phone" type="tel" inputmode="tel" list="people" placeholder="${esc(t("phonePlaceholder"))}" spellcheck="false">
      </div>
      <div id="tg-who" class="field" data-channel="telegram" hidden>
        <label for="tg-id">${esc(t("telegramIdLabel"))}</label>
        <input id="tg-id" name="tg-id" type="text" inputmode="numeric" maxlength="15" list="people" placeholder="${esc(t("telegramIdPlaceholder"))}" spellcheck="false">
        <div class="profile">
          <div class="sub"><label for="tg-lang">${esc(t("appLanguage"))}</label><select id="tg-lang" name="tg-lang">${appLanguages}</select></div>
          <div class="sub"><label for="tg-name">${esc(t("firstNameLabel"))}</label><input id="tg-name" name="tg-name" type="text" maxlength="64" spellcheck="false"></div>
        </div>
      </div>
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
[hidden]{display:none!important}
:root{--bg:#f3f4f6;--card:#fff;--ink:#1f2933;--muted:#5b6673;--line:#d8dde3;--me:#0b6bcb;--bot:#fff;--out:#fff8e1;--bad:#b3261e;--ok:#1e7a3c;--focus:#f59e0b;--key:#e4eef9;--key-ink:#0a4f94}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.3rem;margin:0 0 .25rem}
h2{font-size:1.05rem;margin:0 0 .25rem}
p{margin:0}
button,input,textarea,select{font:inherit;color:inherit}
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
.field{display:flex;flex-direction:column;gap:.3rem;min-width:0}
.switch{display:inline-flex;align-self:flex-start;gap:2px;margin:0 0 .2rem;padding:2px;border:1px solid var(--line);border-radius:999px;background:#f8fafc;min-width:0}
.switch label{position:relative;font-weight:600;cursor:pointer}
.switch input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}
.switch span{display:block;padding:.3rem 1rem;border-radius:999px;font-size:.9rem;color:var(--muted)}
.switch input:checked+span{background:var(--me);color:#fff}
.switch input:focus-visible+span{outline:3px solid var(--focus);outline-offset:1px}
.profile{display:flex;flex-wrap:wrap;gap:.4rem .75rem}
.profile .sub{display:flex;flex-direction:column;gap:.15rem;flex:1 1 10rem;min-width:0}
.profile label{font-weight:400;font-size:.85rem;color:var(--muted)}
input,textarea,select{width:100%;border:1px solid #9aa5b1;border-radius:8px;padding:.55rem .7rem;background:#fff}
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
.thread.telegram{background:#e6ecf2}
.msg{max-width:85%;padding:.5rem .75rem;border-radius:14px;box-shadow:0 1px 1px rgba(0,0,0,.06)}
.msg .text{white-space:pre-wrap;overflow-wrap:anywhere}
.msg .note{font-size:.75rem;color:var(--muted);margin-top:.2rem}
.msg.me{align-self:flex-end;background:var(--me);color:#fff;border-bottom-right-radius:4px}
.msg.me .note{color:rgba(255,255,255,.85)}
.msg.me.action{background:#fff;color:var(--me);border:1px solid var(--me)}
.msg.me.action .note{color:var(--muted)}
.msg.bot{align-self:flex-start;background:var(--bot);border-bottom-left-radius:4px}
.msg.received{align-self:flex-start;background:var(--out);border:1px dashed #d6b656}
.msg.keyed{width:min(85%,22rem)}
.msg.error{align-self:center;background:#fdecea;color:var(--bad);font-size:.9rem}
.msg.pending{opacity:.6}
.keys{display:flex;flex-direction:column;gap:.3rem;margin:.5rem 0 .1rem}
.keys .row{display:flex;gap:.3rem}
.key{flex:1 1 0;min-width:0;min-height:2.4rem;border:0;border-radius:8px;background:var(--key);color:var(--key-ink);padding:.4rem .5rem;font-size:.9rem;font-weight:600;cursor:pointer;overflow-wrap:anywhere}
.key:hover{background:#d3e3f5}
.key:disabled{opacity:.6;cursor:progress}
.key.share{width:100%;background:#fff;border:1px solid var(--me);color:var(--me)}
.share-form{display:flex;flex-wrap:wrap;gap:.35rem;align-items:flex-end;margin-top:.5rem}
.share-form .sub{display:flex;flex-direction:column;gap:.15rem;flex:1 1 100%;min-width:0}
.share-form label{font-size:.8rem;color:var(--muted)}
.share-form button{flex:1 1 auto;border:1px solid var(--me);border-radius:8px;padding:.45rem .8rem;background:var(--me);color:#fff;font-weight:600;cursor:pointer}
.share-form button.plain{background:#fff;color:var(--me)}
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
.out .labels{display:flex;flex-wrap:wrap;gap:.3rem;margin:0 0 .35rem;padding:0;list-style:none}
.out .labels li{border-radius:6px;background:var(--key);color:var(--key-ink);padding:.1rem .5rem;font-size:.82rem;font-weight:600}
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
  var phone = $("phone"), tgId = $("tg-id"), tgLang = $("tg-lang"), tgName = $("tg-name");
  var thread = $("thread"), empty = $("empty"), text = $("text"), sendButton = $("send");
  var outboxList = $("outbox"), status = $("status");
  var mode = "sms";          // the channel the page talks on: "sms" or "telegram"
  var threads = new Map();   // "sms:+447700900100" | "telegram:2002" -> [entry]
  var aliases = new Map();   // number as typed, compacted -> E.164 the server answered with
  var people = new Map();    // thread key -> { label, chip, phone, locale, name }
  var peopleSeen = "";       // the last people answer, to redraw the picks only when it changes
  var outbox = new Map();    // outbox id -> { message, item }
  var lastOutboxId = 0;
  var busy = false;
  var shareSeq = 0;
  var MAX_MEMBER_CHIPS = 8;  // everyone else is in the identity field's suggestions

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
  function telegramId(value) {
    var d = value.trim();
    return /^\\d{1,15}$/.test(d) ? String(Number(d)) : d;
  }
  function addressIn(channel) {
    if (channel === "telegram") return telegramId(tgId.value);
    var c = compact(phone.value);
    return aliases.get(c) || c;
  }
  function key() { var a = addressIn(mode); return a ? mode + ":" + a : ""; }
  function segmentNote(n, encoding) {
    return n + " " + (S.segments[plural.select(n)] || S.segments.other) + " (" + encoding + ")";
  }

  // Inline buttons under a bot message (Telegram); pressing one sends its callback data.
  function keyboard(entry) {
    var box = el("div", "keys");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", S.buttons);
    entry.buttons.forEach(function (row) {
      var line = el("div", "row");
      row.forEach(function (b) {
        var button = el("button", "key", b.label);
        button.type = "button";
        button.disabled = busy;
        button.addEventListener("click", function () { press(b); });
        line.append(button);
      });
      box.append(line);
    });
    return box;
  }
  // Telegram's "share my number" keyboard: asks which number to share (prefilled when known).
  function shareControls(entry) {
    var box = el("div", "share-box");
    if (!entry.sharing) {
      var open = el("button", "key share", entry.shareLabel || S.shareNumber);
      open.type = "button";
      open.addEventListener("click", function () {
        entry.sharing = true;
        if (entry.sharePhone == null) entry.sharePhone = (people.get(key()) || {}).phone || "";
        renderThread();
        var input = thread.querySelector(".share-form input");
        if (input) input.focus();
      });
      box.append(open);
      return box;
    }
    var form = el("form", "share-form");
    var id = "share-phone-" + (++shareSeq);
    var field = el("div", "sub");
    var label = el("label", null, S.sharePhoneLabel);
    label.htmlFor = id;
    var input = el("input");
    input.id = id;
    input.type = "tel";
    input.inputMode = "tel";
    input.autocomplete = "off";
    input.value = entry.sharePhone || "";
    input.addEventListener("input", function () { entry.sharePhone = input.value; });
    field.append(label, input);
    var ok = el("button", null, S.shareConfirm);
    ok.type = "submit";
    ok.disabled = busy;
    var cancel = el("button", "plain", S.cancel);
    cancel.type = "button";
    cancel.addEventListener("click", function () { entry.sharing = false; renderThread(); });
    form.append(field, ok, cancel);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!input.value.trim()) { input.focus(); return; }
      shareContact(entry, input.value.trim());
    });
    box.append(form);
    return box;
  }
  function bubble(entry) {
    var item = el("li", "msg " + entry.kind + (entry.action ? " action" : "") + (entry.pending ? " pending" : ""));
    item.append(el("span", "visually-hidden", (entry.kind === "me" ? S.you : S.bot) + ": "));
    item.append(el("p", "text", entry.text));
    var notes = [];
    if (entry.segments) notes.push(segmentNote(entry.segments, entry.encoding));
    if (entry.note) notes.push(entry.note);
    if (entry.kind === "received") notes.push(entry.channel === "telegram" ? S.viaOutboxTelegram : S.viaOutbox);
    if (notes.length) item.append(el("p", "note", notes.join(" · ")));
    if (entry.buttons && entry.buttons.length) { item.classList.add("keyed"); item.append(keyboard(entry)); }
    if (entry.shareContact) { item.classList.add("keyed"); item.append(shareControls(entry)); }
    return item;
  }
  function renderThread() {
    var entries = threads.get(key()) || [];
    thread.replaceChildren.apply(thread, entries.map(bubble));
    thread.classList.toggle("telegram", mode === "telegram");
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
    var known = people.get(k);
    var as = mode === "telegram" ? S.talkingAsTelegram : S.talkingAs;
    var unknown = mode === "telegram" ? S.newTelegramUser : S.newNumber;
    $("who").textContent = k ? as + ": " + (known ? known.label : unknown) : "";
    document.querySelectorAll("[data-key]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.key === k));
    });
  }
  function setMode(channel) {
    mode = channel;
    document.querySelectorAll("input[name=channel]").forEach(function (r) { r.checked = r.value === channel; });
    document.querySelectorAll("[data-channel]").forEach(function (node) { node.hidden = node.dataset.channel !== channel; });
    renderPicks();
    renderWho();
    renderThread();
  }
  function selectPerson(channel, address, reveal) {
    if (channel !== mode) setMode(channel);
    if (channel === "telegram") {
      tgId.value = address;
      var known = people.get("telegram:" + address);
      if (known) {
        if (known.locale) tgLang.value = known.locale;
        tgName.value = known.name;
      }
    } else phone.value = address;
    renderWho();
    renderThread();
    text.focus({ preventScroll: Boolean(reveal) });
    if (reveal) $("who-form").scrollIntoView({ behavior: "smooth", block: "start" });
  }

  function pickButton(label, channel, address, title) {
    var button = el("button", "chip", label);
    button.type = "button";
    button.dataset.key = channel + ":" + address;
    button.title = title + " · " + address;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () { selectPerson(channel, address); });
    return button;
  }
  var lastPeople = { members: [], contacts: [] };
  // The quick picks and suggestions for the channel in use: who has a phone, or a Telegram id.
  function renderPicks() {
    var field = mode === "telegram" ? "telegramId" : "phone";
    var members = lastPeople.members.filter(function (m) { return m[field] != null; });
    var contacts = lastPeople.contacts.filter(function (c) { return c[field] != null; });
    var options = [], memberChips = [], contactChips = [];
    members.forEach(function (m, index) {
      var address = String(m[field]);
      var label = m.name + " (" + S.member + ", " + m.locale + ")";
      options.push(new Option(label, address));
      if (index < MAX_MEMBER_CHIPS) memberChips.push(pickButton(m.name, mode, address, label));
    });
    contacts.forEach(function (c) {
      var address = String(c[field]);
      var label = c.name + " — " + c.partner + " (" + S.partnerContact + ")";
      options.push(new Option(label, address));
      contactChips.push(pickButton(c.name + " — " + c.partner, mode, address, label));
    });
    $("people").replaceChildren.apply($("people"), options);
    $("pick-members").replaceChildren.apply($("pick-members"), memberChips);
    $("pick-contacts").replaceChildren.apply($("pick-contacts"), contactChips);
    $("contacts-count").textContent = "(" + contacts.length + ")";
  }
  function learnPeople(list) {
    people.clear();
    function learn(person, label) {
      var info = { label: label, phone: person.phone, locale: person.locale, name: person.name };
      if (person.phone != null) people.set("sms:" + person.phone, info);
      if (person.telegramId != null) people.set("telegram:" + person.telegramId, info);
    }
    list.members.forEach(function (m) { learn(m, m.name + " (" + S.member + ", " + m.locale + ")"); });
    list.contacts.forEach(function (c) { learn(c, c.name + " — " + c.partner + " (" + S.partnerContact + ")"); });
  }
  async function loadPeople() {
    var res = await fetch(base + "/api/people");
    if (!res.ok) throw new Error(String(res.status));
    var raw = await res.text();
    if (raw === peopleSeen) return;
    peopleSeen = raw;
    lastPeople = JSON.parse(raw);
    learnPeople(lastPeople);
    renderPicks();
    if (!phone.value) {
      var first = lastPeople.members.find(function (m) { return m.phone != null; });
      if (first) phone.value = first.phone;
    }
    if (!tgId.value) {
      var firstTg = lastPeople.members.concat(lastPeople.contacts).find(function (m) { return m.telegramId != null; });
      if (firstTg) selectTelegramQuietly(firstTg);
    }
    renderWho();
    renderThread();
  }
  function selectTelegramQuietly(person) {
    tgId.value = String(person.telegramId);
    if (person.locale) tgLang.value = person.locale;
    tgName.value = person.name;
  }
  function refreshPeople() { loadPeople().catch(function () { /* the outbox poll reports the server being away */ }); }

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value;
    thread.querySelectorAll(".key, .share-form button[type=submit]").forEach(function (b) { b.disabled = value; });
  }
  function profile() {
    var out = { languageCode: tgLang.value };
    var first = tgName.value.trim();
    if (first) out.firstName = first;
    return out;
  }
  function badAddress(channel) { return channel === "telegram" ? S.badTelegramId : S.badNumber; }

  // Sends one thing to the bot and shows its answer in the thread it came from.
  async function talk(path, payload, channel, sentFrom, mine) {
    setBusy(true);
    status.textContent = "";
    try {
      var res = await fetch(base + path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
      });
      var data = await res.json().catch(function () { return null; });
      if (res.status === 400 && data && /^address/.test(data.error)) throw new Error(badAddress(channel));
      if (res.status === 400 && data && /^phone/.test(data.error)) throw new Error(S.badNumber);
      if (!res.ok || !data || !data.replies) throw new Error((data && data.error) || res.status + " " + res.statusText);
      mine.pending = false;
      var to = channel + ":" + data.address;
      if (to !== sentFrom) moveThread(channel, sentFrom, to, data.address);
      data.replies.forEach(function (r) {
        if (channel === "telegram")
          push(to, { kind: "bot", channel: channel, text: r.text, buttons: r.buttons, shareContact: r.shareContact, shareLabel: r.shareLabel });
        else push(to, { kind: "bot", channel: channel, text: r.text, segments: r.segments, encoding: r.encoding });
      });
      setTimeout(pollOutbox, 400);
      refreshPeople();
      return true;
    } catch (error) {
      mine.pending = false;
      push(sentFrom, { kind: "error", text: S.sendFailed + " " + error.message });
      return false;
    } finally {
      setBusy(false);
      renderWho();
      renderThread();
    }
  }
  function moveThread(channel, from, to, address) {
    if (channel === "sms") aliases.set(from.slice(4), address);
    var moved = threads.get(from) || [];
    threads.delete(from);
    threads.set(to, (threads.get(to) || []).concat(moved));
  }

  async function send(event) {
    event.preventDefault();
    var channel = mode;
    var typed = channel === "telegram" ? tgId.value.trim() : phone.value.trim();
    var body = text.value;
    if (!typed) {
      status.textContent = channel === "telegram" ? S.needTelegramId : S.needNumber;
      (channel === "telegram" ? tgId : phone).focus();
      return;
    }
    if (!body.trim() || busy) return;
    var sentFrom = key();
    var mine = { kind: "me", pending: true, text: body };
    push(sentFrom, mine);
    text.value = "";
    var payload = channel === "telegram"
      ? Object.assign({ channel: "telegram", address: typed, text: body }, profile())
      : { address: typed, text: body };
    await talk("/api/send", payload, channel, sentFrom, mine);
    text.focus();
  }
  async function press(button) {
    if (busy || mode !== "telegram") return;
    var sentFrom = key();
    var mine = { kind: "me", action: true, pending: true, text: button.label, note: S.pressed };
    push(sentFrom, mine);
    await talk("/api/press", Object.assign({ address: tgId.value.trim(), data: button.data }, profile()), "telegram", sentFrom, mine);
  }
  async function shareContact(entry, number) {
    if (busy || mode !== "telegram") return;
    var sentFrom = key();
    var mine = { kind: "me", action: true, pending: true, text: "📱 " + number, note: S.sharedContact };
    push(sentFrom, mine);
    var ok = await talk("/api/share-contact", Object.assign({ address: tgId.value.trim(), phone: number }, profile()), "telegram", sentFrom, mine);
    if (ok) { entry.shareContact = false; renderThread(); }
  }

  function describeDelivery(m) {
    var parts = [];
    if (m.channel === "telegram" && m.kind && m.kind !== "send" && S["kind_" + m.kind]) parts.push(S["kind_" + m.kind]);
    if (m.transport && m.status === "sent") {
      var transport = m.channel === "telegram" && m.transport === "sim" ? "sim_telegram" : m.transport;
      parts.push(S["transport_" + transport] || m.transport);
    }
    if (m.channel === "sms") parts.push(segmentNote(m.segments, m.encoding));
    return parts.join(" · ");
  }
  function outboxItem(m) {
    var item = el("li", "out");
    var meta = el("p", "meta");
    var known = people.get(m.channel + ":" + m.address);
    meta.append(el("strong", null, S.to + ": " + (known ? known.label : m.address)));
    if (known) meta.append(el("span", "addr", m.channel === "telegram" ? "Telegram " + m.address : m.address));
    else if (m.channel === "telegram") meta.append(el("span", "addr", "Telegram"));
    var time = el("time", null, new Date(m.createdAt).toLocaleTimeString(lang === "en" ? "en-GB" : lang, { hour: "2-digit", minute: "2-digit" }));
    time.dateTime = m.createdAt;
    meta.append(time);
    item.append(meta);
    if (m.body) item.append(el("p", "text", m.body));
    if (m.buttons && m.buttons.length) {
      var labels = el("ul", "labels");
      labels.setAttribute("aria-label", S.buttons);
      m.buttons.forEach(function (row) { row.forEach(function (b) { labels.append(el("li", null, b.label)); }); });
      item.append(labels);
    }
    var note = el("p", "note");
    note.append(el("span", "badge " + m.status, S["status_" + m.status] || m.status), " " + describeDelivery(m));
    item.append(note);
    if (m.channel === "sms" || m.channel === "telegram") {
      var reply = el("button", null, S.replyAs);
      reply.type = "button";
      reply.addEventListener("click", function () { selectPerson(m.channel, m.address, true); });
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
      if (m.channel === "sms") push("sms:" + m.address, { kind: "received", channel: "sms", text: m.body, segments: m.segments, encoding: m.encoding });
      else if (m.channel === "telegram" && m.kind !== "answer")
        push("telegram:" + m.address, { kind: "received", channel: "telegram", text: m.body, buttons: m.buttons });
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
  document.querySelectorAll("input[name=channel]").forEach(function (radio) {
    radio.addEventListener("change", function () { if (radio.checked) setMode(radio.value); });
  });
  phone.addEventListener("input", function () { renderWho(); renderThread(); });
  tgId.addEventListener("input", function () { renderWho(); renderThread(); });
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
    var address;
    if (mode === "telegram") {
      // Demo Telegram ids are short (1001, 2002); a new one is six digits, never one already in use.
      do address = String(100000 + Math.floor(Math.random() * 900000));
      while (people.has("telegram:" + address) || threads.has("telegram:" + address));
      tgName.value = "";
    } else {
      // Ofcom's range for drama, 07700 900000-900999: never a real person's phone.
      do address = "+447700900" + String(200 + Math.floor(Math.random() * 800));
      while (people.has("sms:" + address) || threads.has("sms:" + address));
    }
    selectPerson(mode, address);
  });

  setMode("sms");
  loadPeople().catch(function () { status.textContent = S.offline; });
  pollOutbox();
  setInterval(pollOutbox, 2000);
})();
`;
