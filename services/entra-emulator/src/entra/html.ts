// The emulator's browser pages share one self-contained layout: no external resources, every value
// escaped, no framing (clickjacking) and a CSP that only allows the page's own inline stylesheet.
import { createHash } from 'node:crypto'

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

const STYLE = `
body{margin:0;background:#f2f2f2;font-family:"Segoe UI","Helvetica Neue",Arial,sans-serif;color:#1b1b1b}
main{max-width:440px;margin:48px auto;background:#fff;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
.brand{font-size:15px;font-weight:600;color:#5e5e5e;margin-bottom:16px}
h1{font-size:24px;font-weight:600;margin:0 0 12px}
p{font-size:15px;line-height:1.4}
.app{font-weight:600}
.error{color:#e81123;font-size:15px;margin:8px 0 16px}
.hint{background:#fff4ce;padding:8px 12px;font-size:14px;margin:12px 0}
.details{font-size:12px;color:#5e5e5e;word-break:break-all;white-space:pre-wrap}
ul{padding-left:20px;font-size:14px}
label{display:block;font-size:14px;margin-top:12px}
input[type=text],input[type=email],input[type=password]{width:100%;box-sizing:border-box;font-size:15px;padding:6px 0;border:0;border-bottom:1px solid #666;outline:0}
button{font-size:15px;padding:6px 16px;margin-top:16px;border:0;background:#0067b8;color:#fff;cursor:pointer}
button.secondary{background:#ccc;color:#1b1b1b}
.users button{display:block;width:100%;text-align:left;background:#fff;color:#1b1b1b;border:1px solid #ccc;margin-top:8px}
.users small{display:block;color:#5e5e5e}
`

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64')

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; frame-ancestors 'none'; base-uri 'none'`,
}

/** A full page; `body` must already be escaped HTML. */
export function renderPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>
<div class="brand">Entra ID emulator</div>
${body}
</main></body>
</html>`
}
