// The page shell every dashboard page shares: menu, language links, log-out, and one small stylesheet
// that reads on a phone first. No scripts: every action is a plain form.
import { raw } from "hono/html";
import type { Child, FC } from "hono/jsx";
import { LOCALES } from "../../core/types.ts";
import { BASE, type View } from "./view.ts";

/** The menu; a new page adds itself here. */
export const MENU: ReadonlyArray<{ path: string; key: string }> = [
  { path: "", key: "nav.overview" },
  { path: "/members", key: "nav.members" },
  { path: "/partners", key: "nav.partners" },
  { path: "/events", key: "events:nav" },
  { path: "/posts", key: "posts:nav" },
  { path: "/polls", key: "polls:nav" },
  { path: "/broadcast", key: "broadcast:nav" },
  { path: "/reports", key: "reports:nav" },
  { path: "/outbox", key: "nav.outbox" },
  { path: "/audit", key: "nav.audit" },
];

const LANGUAGE_NAMES = { en: "English", pl: "Polski", lv: "Latviešu" } as const;

const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2327;background:#f4f5f2}
a{color:#17603a}
header.top{background:#17603a;color:#fff;padding:.5rem .75rem}
header.top a{color:#fff}
.bar{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center;justify-content:space-between}
.brand{font-weight:700;text-decoration:none}
nav.menu{display:flex;flex-wrap:wrap;gap:.25rem;margin-top:.4rem}
nav.menu a{padding:.35rem .6rem;border-radius:.4rem;text-decoration:none;background:rgba(255,255,255,.12)}
nav.menu a[aria-current=page]{background:#fff;color:#17603a;font-weight:600}
.langs{display:flex;gap:.5rem;font-size:.9rem}
.langs a[aria-current=true]{font-weight:700;text-decoration:none}
main{padding:.75rem;max-width:64rem;margin:0 auto}
h1{font-size:1.4rem;margin:.5rem 0 .75rem}
h2{font-size:1.15rem;margin:1.25rem 0 .5rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.6rem}
.card{background:#fff;border:1px solid #dcdfd8;border-radius:.6rem;padding:.75rem}
.figure{font-size:1.6rem;font-weight:700;display:block}
.label{color:#50575e;font-size:.9rem}
.panel{background:#fff;border:1px solid #dcdfd8;border-radius:.6rem;padding:.75rem;margin:.75rem 0}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e4e6e1;vertical-align:top}
th{font-size:.85rem;color:#50575e}
td.num,th.num{text-align:right;white-space:nowrap}
ul.plain{list-style:none;padding:0;margin:0}
ul.plain>li{background:#fff;border:1px solid #dcdfd8;border-radius:.6rem;padding:.6rem .75rem;margin:.5rem 0}
.muted{color:#50575e;font-size:.9rem}
.notice{padding:.6rem .75rem;border-radius:.5rem;margin:.5rem 0;background:#e3f4e8;border:1px solid #9bd1ad}
.notice.error{background:#fbeaea;border-color:#e2a3a3}
form.inline{display:inline}
.actions{display:flex;flex-wrap:wrap;gap:.4rem;align-items:flex-end;margin-top:.4rem}
label{display:block;font-weight:600;font-size:.9rem;margin:.5rem 0 .2rem}
label.check{display:inline-flex;gap:.35rem;align-items:center;font-weight:400;margin-right:1rem}
input,select,textarea{font:inherit;padding:.45rem .5rem;border:1px solid #9aa19a;border-radius:.4rem;max-width:100%;background:#fff}
input[type=text],input[type=search],input[type=password],textarea,select{width:100%}
input[type=checkbox]{width:auto}
button{font:inherit;padding:.45rem .8rem;border-radius:.4rem;border:1px solid #17603a;background:#17603a;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#17603a}
button.danger{background:#fff;color:#a32020;border-color:#a32020}
header.top button{background:transparent;border-color:#fff;padding:.2rem .6rem;font-size:.9rem}
.field-error{color:#a32020;font-size:.9rem;margin:.2rem 0}
[aria-invalid=true]{border-color:#a32020}
fieldset{border:1px solid #dcdfd8;border-radius:.5rem;margin:.6rem 0;padding:.5rem .75rem}
.grid2{display:grid;grid-template-columns:1fr;gap:0 .75rem}
@media (min-width:40rem){.grid2{grid-template-columns:1fr 1fr}main{padding:1rem 1.5rem}}
pre{white-space:pre-wrap;word-break:break-word;font-size:.8rem;margin:.25rem 0}
.badge{display:inline-block;font-size:.8rem;padding:0 .4rem;border-radius:.3rem;background:#e4e6e1}
`;

export const Layout: FC<{ view: View; title: string; children?: Child; bare?: boolean }> = ({
  view,
  title,
  children,
  bare,
}) => {
  const { t } = view;
  const here = view.path.replace(/\/+$/, "");
  return (
    <html lang={view.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <link rel="icon" href="data:," />
        <title>{`${title} · ${t("appName")}`}</title>
        <style>{raw(CSS)}</style>
      </head>
      <body>
        <header class="top">
          <div class="bar">
            <a class="brand" href={BASE}>
              {t("appName")}
            </a>
            <span class="langs">
              {LOCALES.map((l) => (
                <a
                  href={`${view.path}?lang=${l}`}
                  lang={l}
                  aria-current={l === view.locale ? "true" : undefined}
                >
                  {LANGUAGE_NAMES[l]}
                </a>
              ))}
            </span>
            {bare ? null : (
              <form class="inline" method="post" action={`${BASE}/logout`}>
                <input type="hidden" name="_csrf" value={view.csrf} />
                <button type="submit">{t("nav.logout")}</button>
              </form>
            )}
            {/* After a token leaked, say: every session, on every device, ends at once. */}
            {bare || !view.csrf ? null : (
              <form class="inline" method="post" action={`${BASE}/logout/all`}>
                <input type="hidden" name="_csrf" value={view.csrf} />
                <button type="submit" title={t("access.logoutAllHint")}>
                  {t("access.logoutAll")}
                </button>
              </form>
            )}
          </div>
          {bare ? null : (
            <nav class="menu" aria-label={t("nav.label")}>
              {MENU.map((m) => {
                const path = `${BASE}${m.path}`;
                const current = m.path === "" ? here === BASE : here.startsWith(path);
                return (
                  <a href={path} aria-current={current ? "page" : undefined}>
                    {t(m.key)}
                  </a>
                );
              })}
            </nav>
          )}
        </header>
        <main>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
};

/** The hidden field every form carries; the CSRF middleware refuses a post without it. */
export const Csrf: FC<{ view: View }> = ({ view }) => <input type="hidden" name="_csrf" value={view.csrf} />;

export const Notice: FC<{ text?: string | null; error?: boolean }> = ({ text, error }) =>
  text ? (
    <p class={error ? "notice error" : "notice"} role={error ? "alert" : "status"}>
      {text}
    </p>
  ) : null;
