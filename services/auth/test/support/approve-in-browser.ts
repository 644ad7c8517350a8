// The user's side of a sign-in started by someone else's code (the MCP SDK, a real client shape):
// given the authorization URL the client built, a scripted browser approves our consent page, logs
// in at the emulator and follows /callback, and the client's redirect URL (with the code) is
// returned. mcp-client.ts's signInThroughConsent builds the URL itself; this one never does.
import { DEMO_PASSWORD } from '@m365mcp/entra-emulator'
import { createBrowser, type Browser } from '@m365mcp/testing'
import { consentFields } from './mcp-client.js'

export interface ApproveInput {
  /** Where the client waits for the code: the flow stops at the first URL under it. */
  redirectUri: string
  username: string
  browser?: Browser
}

export async function approveInBrowser(
  publicUrl: string,
  authorizationUrl: string,
  input: ApproveInput,
): Promise<URL> {
  const browser = input.browser ?? createBrowser()
  const atClient = (u: string) => u.startsWith(input.redirectUri)
  const atCallback = (u: string) => u.startsWith(`${publicUrl}/callback`)

  const page = await browser.get(authorizationUrl)
  if (page.status !== 200) throw new Error(`authorize answered ${page.status}: ${await page.text()}`)
  const { csrf, requestId } = consentFields(await page.text())
  const posted = await browser.post(
    `${publicUrl}/consent`,
    { csrf_token: csrf, request_id: requestId, decision: 'approve' },
    { origin: publicUrl },
  )
  if (posted.status !== 303) throw new Error(`consent answered ${posted.status}: ${await posted.text()}`)
  await posted.arrayBuffer()

  // The emulator's login page, then our /callback, then the client's redirect URI.
  let hop = await browser.follow(posted.headers.get('location') ?? '', (u) => atCallback(u) || atClient(u))
  if (!atCallback(hop.url) && !atClient(hop.url)) {
    await hop.response.text()
    const login = await browser.post(hop.url, { login: input.username, password: DEMO_PASSWORD })
    hop = await browser.follow(hop.url, (u) => atCallback(u) || atClient(u), login)
  }
  if (atCallback(hop.url)) {
    const callback = await browser.get(hop.url)
    await callback.arrayBuffer()
    hop = { url: new URL(callback.headers.get('location') ?? '', hop.url).href, response: callback }
  }
  if (!atClient(hop.url)) throw new Error(`flow ended at ${hop.url} (${hop.response.status})`)
  return new URL(hop.url)
}
