// Pages of RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): the sign-out confirmation,
// whose form (with its anti-forgery token) oidc-provider supplies, and the signed-out page.
import { escapeHtml, renderPage } from './html.js'

export function renderLogoutPage(providerForm: string, appName: string | undefined): string {
  const app = appName === undefined ? '' : ` of <span class="app">${escapeHtml(appName)}</span>`
  return renderPage(
    'Sign out',
    `<h1>Sign out</h1>
<p>Do you want to sign out${app} and every other application using this sign-in?</p>
${providerForm}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<button type="submit" form="op.logoutForm" class="secondary">Stay signed in</button>`,
  )
}

export function renderSignedOutPage(): string {
  return renderPage(
    'Signed out',
    `<h1>You signed out of your account</h1>
<p>It's a good idea to close all browser windows.</p>`,
  )
}
