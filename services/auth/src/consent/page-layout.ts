// The shell of every HTML page of the authorization server: no script, no external resource
// (ATTACKS B17: nothing that could carry a `code`-bearing URL to a third party via Referer), one
// inline stylesheet allowed by the response's CSP nonce (see security-headers.ts).
import { assertCspNonce } from './csp-nonce.js'
import { html, trustedHtml, type SafeHtml } from './html.js'

const STYLESHEET = trustedHtml(`
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #f3f3f3; --card: #fff; --muted: #555;
  --accent: #0f5cc0; --warn-bg: #fff4ce; --warn-fg: #5c3c00; --border: #d0d0d0; }
@media (prefers-color-scheme: dark) { :root { --fg: #f0f0f0; --bg: #1b1b1b; --card: #262626;
  --muted: #b8b8b8; --accent: #6cb8ff; --warn-bg: #4a3800; --warn-fg: #ffe59a; --border: #444; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg); }
main { max-width: 36rem; margin: 2rem auto; padding: 1.5rem 2rem; background: var(--card);
  border: 1px solid var(--border); border-radius: 8px; }
h1 { font-size: 1.35rem; margin: 0 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
p, li, dd { overflow-wrap: anywhere; }
code { font-family: ui-monospace, Consolas, monospace; font-size: .9em; }
.muted { color: var(--muted); font-size: .9rem; }
.warning { background: var(--warn-bg); color: var(--warn-fg); border-left: 4px solid currentColor;
  padding: .75rem 1rem; margin: 1rem 0; border-radius: 4px; }
.cp { font-family: ui-monospace, Consolas, monospace; font-size: .8em; padding: 0 .2em;
  border: 1px solid currentColor; border-radius: 3px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; font-size: .9rem; }
dt { color: var(--muted); }
dd { margin: 0; }
.actions { display: flex; gap: .75rem; justify-content: flex-end; margin-top: 1.5rem; }
button { font: inherit; padding: .5rem 1.25rem; border-radius: 4px; cursor: pointer;
  border: 1px solid var(--border); background: var(--card); color: var(--fg); }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button:focus-visible, input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
`)

export interface PageShell {
  readonly title: string
  readonly nonce: string
  readonly body: SafeHtml
}

/** A complete HTML document around `body`. */
export function renderPage({ title, nonce, body }: PageShell): string {
  return html`<!doctype html>
    <html lang="en" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        <title>${title}</title>
        <style nonce="${assertCspNonce(nonce)}">
          ${STYLESHEET}
        </style>
      </head>
      <body>
        <main>${body}</main>
      </body>
    </html> `.markup
}
