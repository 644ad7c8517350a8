// The emulator's sign-in page: the tenant's demo users to pick from, a username (UPN) and password
// form, the application's name and the permissions it asks for. Demo only: the page prints the
// shared demo password, which is why the emulator must never face real users.
import type { EntraError } from './entra-error.js'
import { escapeHtml, renderPage } from './html.js'
import type { RequestedScopes } from './scopes.js'

export interface LoginPageModel {
  /** Where the form posts (the interaction's own URL). */
  action: string
  appName: string
  tenantName: string
  scopes: RequestedScopes
  users: ReadonlyArray<{ displayName: string; userPrincipalName: string }>
  /** Prefilled username: `login_hint`, or what was typed before an error. */
  username: string
  demoPassword: string
  error?: EntraError
}

const OIDC_DESCRIPTIONS: Record<string, string> = {
  openid: 'Sign you in',
  profile: 'View your basic profile',
  email: 'View your email address',
}

function permissionList(scopes: RequestedScopes): string {
  const items = [
    ...scopes.oidc.map((s) => OIDC_DESCRIPTIONS[s] ?? s),
    ...(scopes.offlineAccess ? ['Maintain access to data you have given it access to'] : []),
    ...scopes.graph.map((p) => `Microsoft Graph: ${p}`),
  ]
  return items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')
}

export function renderLoginPage(model: LoginPageModel): string {
  const users = model.users
    .map(
      (u) =>
        `<button type="submit" name="pick" value="${escapeHtml(u.userPrincipalName)}">${escapeHtml(u.displayName)}` +
        `<small>${escapeHtml(u.userPrincipalName)}</small></button>`,
    )
    .join('\n')
  const error = model.error
    ? `<p class="error" role="alert">AADSTS${model.error.code}: ${escapeHtml(model.error.message)}</p>`
    : ''
  return renderPage(
    `Sign in to ${model.appName}`,
    `<h1>Sign in</h1>
<p>to continue to <span class="app">${escapeHtml(model.appName)}</span> (${escapeHtml(model.tenantName)})</p>
${error}
<form method="post" action="${escapeHtml(model.action)}">
<label for="login">Email or username</label>
<input type="text" id="login" name="login" autocomplete="username" value="${escapeHtml(model.username)}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<p class="hint">Demo emulator, every account has the same password. demo password: <strong>${escapeHtml(model.demoPassword)}</strong></p>
<button type="submit">Sign in</button>
<button type="submit" class="secondary" name="cancel" value="1" formnovalidate>Cancel</button>
<p>Or pick a demo account (enter the password first):</p>
<div class="users">
${users}
</div>
</form>
<p>This app would like to:</p>
<ul>${permissionList(model.scopes)}</ul>`,
  )
}
