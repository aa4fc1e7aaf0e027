// The simulator's single HTML page: inline CSS and the script of client.ts (bundled into
// client-script.ts), no external assets (it must work offline). Every visible string comes from the
// `sim` namespace; data is put in the DOM as text only.
// Three channels: SMS (a phone number; segment counts shown), WhatsApp (the same phone number and
// conversation; a profile name, no segments) and Telegram (a user id; inline buttons under the bot's
// messages, and the "share my number" keyboard).
import { LOCALES } from "../../core/types.ts";
import { CLIENT_SCRIPT } from "./client-script.ts";

/** Language names in their own language: the same in every page language, so not translated. */
const AUTONYMS: Record<string, string> = { en: "English", pl: "Polski", lv: "Latviešu" };

/** Channel names are brand names: the same in every page language. */
const CHANNELS = [
  ["sms", "SMS"],
  ["whatsapp", "WhatsApp"],
  ["telegram", "Telegram"],
] as const;

/** Keys the client script reads at run time (the markup's own strings are rendered here). */
const CLIENT_KEYS = [
  "talkingAs",
  "talkingAsTelegram",
  "talkingAsWhatsApp",
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
  "transport_sim_whatsapp",
  "transport_twilio",
  "transport_telegram",
  "transport_twilio-whatsapp",
  "transport_twilio-whatsapp-template",
  "transport_twilio-sms",
  "kind_edit",
  "kind_answer",
  "replyAs",
  "viaOutbox",
  "viaOutboxTelegram",
  "viaOutboxWhatsApp",
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
      <div id="sms-who" class="field" data-channel="sms whatsapp">
        <label for="phone">${esc(t("phoneLabel"))}</label>
        <input id="phone" name="phone" type="tel" inputmode="tel" list="people" placeholder="${esc(t("phonePlaceholder"))}" spellcheck="false">
        <div class="profile" data-channel="whatsapp" hidden>
          <div class="sub"><label for="wa-name">${esc(t("profileNameLabel"))}</label><input id="wa-name" name="wa-name" type="text" maxlength="60" spellcheck="false"></div>
        </div>
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
<script>${CLIENT_SCRIPT}</script>
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
.thread.whatsapp{background:#efeae2}
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
