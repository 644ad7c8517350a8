// The browser part of the authorization code flow (copied from the emulator's test support): from
// the authorization URL, through the emulator's login page, to the redirect back to our callback.
import { DEMO_PASSWORD } from '@m365mcp/entra-emulator'
import type { Browser } from '@m365mcp/testing'

export async function signIn(
  browser: Browser,
  authorizationUrl: URL,
  redirectUri: string,
  username: string,
): Promise<URL> {
  const atApp = (url: string) => url.startsWith(redirectUri)
  const start = await browser.follow(authorizationUrl.href, atApp)
  if (atApp(start.url)) return new URL(start.url)
  if (start.response.status !== 200) {
    throw new Error(`expected the login page, got ${start.response.status} at ${start.url}`)
  }
  await start.response.text()
  const posted = await browser.post(start.url, { login: username, password: DEMO_PASSWORD })
  const end = await browser.follow(start.url, atApp, posted)
  if (!atApp(end.url)) throw new Error(`sign-in ended at ${end.url} (${end.response.status})`)
  return new URL(end.url)
}
