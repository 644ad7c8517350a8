// The page for errors raised before the redirect URI was validated (RFC 6749 §4.1.2.1: the
// authorization server "SHOULD inform the resource owner of the error and MUST NOT automatically
// redirect the user-agent to the invalid redirection URI"; RFC 9700 §4.11.2 on open redirectors).
// It offers no link and no form: a failed request ends here.
import { html } from './html.js'
import { renderPage } from './page-layout.js'

export interface ErrorPageInput {
  readonly title: string
  /** Public text only (an OAuthError's `description`); never a cause or upstream detail. */
  readonly message: string
  /** Correlation id the user can quote to an operator (the request id of the log line). */
  readonly requestId: string
  readonly nonce: string
}

export function renderErrorPage({ title, message, requestId, nonce }: ErrorPageInput): string {
  const body = html`<h1 id="title">${title}</h1>
    <p role="alert">${message}</p>
    <p>You can close this window and start the sign-in again from your app.</p>
    <p class="muted">Reference: <code>${requestId}</code></p>`
  return renderPage({ title, nonce, body })
}
