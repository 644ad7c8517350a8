// The browser part of the authorization code flow: from the authorization URL, through the login
// page, to the redirect back to the application.
import type { Browser } from '@m365mcp/testing'
import { DEMO_PASSWORD } from '../../../src/entra/tenants.js'

export interface SignInResult {
  /** The URL the browser was redirected to at the application. */
  callbackUrl: URL
  /** Whether the login page was shown on the way. */
  sawLoginPage: boolean
}

export async function signIn(
  browser: Browser,
  authorizationUrl: URL,
  redirectUri: string,
  credentials?: { username: string; password?: string },
): Promise<SignInResult> {
  const atApp = (url: string) => url.startsWith(redirectUri)
  const start = await browser.follow(authorizationUrl.href, atApp)
  if (atApp(start.url)) return { callbackUrl: new URL(start.url), sawLoginPage: false }
  if (start.response.status !== 200 || !credentials) {
    throw new Error(
      `expected the login page, got ${start.response.status} at ${start.url}: ${await start.response.text()}`,
    )
  }
  await start.response.text()
  const posted = await browser.post(start.url, {
    login: credentials.username,
    password: credentials.password ?? DEMO_PASSWORD,
  })
  const end = await browser.follow(start.url, atApp, posted)
  if (!atApp(end.url))
    throw new Error(`sign-in ended at ${end.url} (${end.response.status}): ${await end.response.text()}`)
  return { callbackUrl: new URL(end.url), sawLoginPage: true }
}
