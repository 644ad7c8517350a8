// Entra's "Sorry, but we're having trouble signing you in" page, shown when an error cannot be sent
// back to the application because its redirect URI is not (yet) trusted (RFC 6749 §4.1.2.1).
import { errorDescription } from './entra-error.js'
import type { EntraError, RequestIds } from './entra-error.js'
import { escapeHtml, renderPage } from './html.js'

export function renderErrorPage(err: EntraError, ids: RequestIds, now: number): string {
  return renderPage(
    'Sign in to your account',
    `<h1>Sign in</h1>
<p>Sorry, but we're having trouble signing you in.</p>
<p class="error">AADSTS${err.code}: ${escapeHtml(err.message)}</p>
<p class="details">${escapeHtml(errorDescription(err, ids, now))}</p>`,
  )
}
