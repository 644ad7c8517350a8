// The user's side of a sign-in some client started: given the authorization URL the client built,
// a scripted browser (cookies kept, redirects followed by hand) approves our consent page through
// the gateway, signs in on the emulator's login page and follows /callback until the client's
// redirect URI, whose URL (code, state, iss) it returns. Nothing is posted the page did not offer.
import { DEMO_PASSWORD } from '@m365mcp/entra-emulator'
import { createBrowser, type Browser } from '@m365mcp/testing'

function hiddenField(page: string, name: string): string {
  const value =
    new RegExp(`name="${name}"[^>]*value="([^"]+)"`).exec(page)?.[1] ??
    new RegExp(`value="([^"]+)"[^>]*name="${name}"`).exec(page)?.[1]
  if (value === undefined) throw new Error(`consent page without its ${name} field`)
  return value
}

export async function approveInBrowser(input: {
  publicUrl: string
  authorizationUrl: string
  /** The client's redirect URI: the flow stops at the first URL under it. */
  redirectUri: string
  username: string
  /** The browser to drive (the caller keeps its cookies); a fresh one otherwise. */
  browser?: Browser
  /** Stop at our /callback and return its URL unvisited (the browser holds the binding cookie). */
  stopAtCallback?: boolean
}): Promise<URL> {
  const { publicUrl } = input
  const browser = input.browser ?? createBrowser()
  const atClient = (u: string) => u.startsWith(input.redirectUri)
  const atCallback = (u: string) => u.startsWith(`${publicUrl}/callback`)
  const stop = (u: string) => atClient(u) || atCallback(u)

  const page = await browser.get(input.authorizationUrl)
  if (page.status !== 200) throw new Error(`authorize answered ${page.status}: ${await page.text()}`)
  const html = await page.text()
  const posted = await browser.post(
    `${publicUrl}/consent`,
    {
      csrf_token: hiddenField(html, 'csrf_token'),
      request_id: hiddenField(html, 'request_id'),
      decision: 'approve',
    },
    { origin: publicUrl },
  )
  if (posted.status !== 303) throw new Error(`consent answered ${posted.status}: ${await posted.text()}`)
  await posted.arrayBuffer()

  let hop = await browser.follow(posted.headers.get('location') ?? '', stop)
  if (!stop(hop.url)) {
    await hop.response.text()
    const login = await browser.post(hop.url, { login: input.username, password: DEMO_PASSWORD })
    hop = await browser.follow(hop.url, stop, login)
  }
  if (atCallback(hop.url) && input.stopAtCallback) return new URL(hop.url)
  if (atCallback(hop.url)) {
    const callback = await browser.get(hop.url)
    await callback.arrayBuffer()
    hop = { url: new URL(callback.headers.get('location') ?? '', hop.url).href, response: callback }
  }
  if (!atClient(hop.url)) throw new Error(`sign-in ended at ${hop.url} (${hop.response.status})`)
  return new URL(hop.url)
}
