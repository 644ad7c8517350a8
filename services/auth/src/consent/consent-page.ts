// The consent page: the confused-deputy defence of the MCP Security Best Practices ("MCP proxy
// servers using static client IDs MUST obtain user consent for each dynamically registered
// client before forwarding to third-party authorization servers") and RFC 9700 §4.11. The user
// sees OUR page naming the client, where it sends them back and what it may do, and approves or
// denies in one POST form (CSRF token, see csrf.ts). No script and no external resource at all:
// a registrant's logo_uri is deliberately not loaded (it would disclose the user's visit to a
// third party, ATTACKS B17) and client_uri is shown as text, never as a link.
import { inspectDisplayName, type DisplayNameWarning } from './display-name-warnings.js'
import { html } from './html.js'
import { renderPage } from './page-layout.js'
import { revealDisplayName } from './reveal-display-name.js'
import { isSameOriginPath } from './same-origin-path.js'

export interface ConsentScope {
  readonly name: string
  readonly description: string
}

export interface ConsentPageInput {
  readonly clientName: string
  /** Extra warnings from the caller; the page always adds its own `inspectDisplayName` result. */
  readonly clientNameWarnings?: readonly DisplayNameWarning[]
  readonly clientId?: string
  readonly clientUri?: string
  /** Accepted and ignored on purpose: third-party images are never loaded. */
  readonly logoUri?: string
  readonly redirectHost: string
  readonly redirectUri: string
  readonly scopes: readonly ConsentScope[]
  readonly resource: string
  readonly csrfToken: string
  /** Same-origin path the form posts to, e.g. `/consent`. */
  readonly formAction: string
  /** Opaque id of the pending authorization request, posted back with the decision. */
  readonly requestId: string
  readonly nonce: string
  /** When set, offers "don't ask again" for this many days (field `remember=1`). */
  readonly rememberDays?: number
}

function mergeWarnings(name: string, extra: readonly DisplayNameWarning[]): DisplayNameWarning[] {
  const own = inspectDisplayName(name)
  return [...own, ...extra.filter((w) => !own.some((o) => o.code === w.code))]
}

export function renderConsentPage(input: ConsentPageInput): string {
  if (!isSameOriginPath(input.formAction)) {
    throw new TypeError('consent page: formAction must be a path on this origin')
  }
  const warnings = mergeWarnings(input.clientName, input.clientNameWarnings ?? [])
  const name = revealDisplayName(input.clientName, warnings)
  const warningBox =
    warnings.length > 0 &&
    html`<section class="warning" role="alert" aria-labelledby="warning-title">
      <h2 id="warning-title">Check this name carefully</h2>
      <p>
        This name contains characters that can disguise it. They are shown above as codes such as
        <span class="cp">U+202E</span>. The name:
      </p>
      <ul>
        ${warnings.map((w) => html`<li>${w.message}: ${w.codePoints.join(', ')}</li>`)}
      </ul>
      <p>Continue only if you recognise this app and started connecting it yourself.</p>
    </section>`
  const remember =
    input.rememberDays !== undefined &&
    html`<p>
      <input type="checkbox" id="remember" name="remember" value="1" />
      <label for="remember"
        >Don’t ask again for this app in this browser for ${input.rememberDays} days</label
      >
    </p>`

  const body = html`<h1 id="title">Allow ${name} to access Microsoft 365 as you?</h1>
    ${warningBox}
    <p>
      <strong>${name}</strong> will be able to act as you on Microsoft 365 through this server. Only continue
      if you started connecting this app yourself just now.
    </p>
    <p>
      Afterwards it sends you back to <strong><bdi>${input.redirectHost}</bdi></strong>
    </p>
    <h2 id="scopes-title">It will be able to</h2>
    <ul aria-labelledby="scopes-title">
      ${input.scopes.map(
        (s) => html`<li>${s.description} <span class="muted">(<code>${s.name}</code>)</span></li>`,
      )}
    </ul>
    <h2 id="details-title">Details</h2>
    <dl aria-labelledby="details-title">
      <dt>Sends you back to</dt>
      <dd><code>${input.redirectUri}</code></dd>
      ${
        input.clientId !== undefined &&
        html`<dt>Client ID</dt>
          <dd><code>${input.clientId}</code></dd>`
      }
      ${
        input.clientUri !== undefined &&
        html`<dt>Website (stated by the app, not verified)</dt>
          <dd><code>${input.clientUri}</code></dd>`
      }
      <dt>Resource</dt>
      <dd><code>${input.resource}</code></dd>
    </dl>
    <form method="post" action="${input.formAction}">
      <input type="hidden" name="csrf_token" value="${input.csrfToken}" />
      <input type="hidden" name="request_id" value="${input.requestId}" />
      ${remember}
      <div class="actions">
        <button type="submit" name="decision" value="deny">Deny</button>
        <button type="submit" name="decision" value="approve" class="primary">Approve</button>
      </div>
    </form>`
  return renderPage({ title: 'Allow access to Microsoft 365?', nonce: input.nonce, body })
}
