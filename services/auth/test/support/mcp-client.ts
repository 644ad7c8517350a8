// What an MCP client does against the auth service: DCR, /authorize with PKCE, the consent page,
// the emulator's login page (a scripted browser), the callback, and the token endpoint.
import { createHash, randomBytes } from 'node:crypto'
import { DEMO_PASSWORD } from '@m365mcp/entra-emulator'
import { createBrowser, type Browser } from '@m365mcp/testing'

export const b64url = (buf: Buffer) => buf.toString('base64url')
export const challengeOf = (verifier: string) => b64url(createHash('sha256').update(verifier).digest())

export interface RegisteredClient {
  client_id: string
  client_secret?: string
  redirect_uris: string[]
  token_endpoint_auth_method: string
}

export async function register(publicUrl: string, metadata: Record<string, unknown>): Promise<Response> {
  return fetch(`${publicUrl}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(metadata),
  })
}

export async function registerPublicClient(
  publicUrl: string,
  redirectUri = 'http://127.0.0.1:33418/callback',
) {
  const response = await register(publicUrl, {
    client_name: 'Test MCP client',
    redirect_uris: [redirectUri],
    token_endpoint_auth_method: 'none',
  })
  if (response.status !== 201) throw new Error(`DCR failed: ${response.status} ${await response.text()}`)
  return (await response.json()) as RegisteredClient
}

export interface AuthorizeInput {
  clientId: string
  redirectUri: string
  verifier?: string
  state?: string
  resource?: string
  scope?: string
  extra?: Record<string, string>
}

export function authorizeUrl(
  publicUrl: string,
  input: AuthorizeInput,
): { url: string; verifier: string; state: string } {
  const verifier = input.verifier ?? b64url(randomBytes(32))
  const state = input.state ?? b64url(randomBytes(12))
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    code_challenge: challengeOf(verifier),
    code_challenge_method: 'S256',
    state,
    ...(input.resource ? { resource: input.resource } : {}),
    ...(input.scope ? { scope: input.scope } : {}),
    ...input.extra,
  })
  return { url: `${publicUrl}/authorize?${params.toString()}`, verifier, state }
}

export function consentFields(page: string): { csrf: string; requestId: string } {
  const csrf =
    /name="csrf_token"[^>]*value="([^"]+)"/.exec(page)?.[1] ??
    /value="([^"]+)"[^>]*name="csrf_token"/.exec(page)?.[1]
  const requestId =
    /name="request_id"[^>]*value="([^"]+)"/.exec(page)?.[1] ??
    /value="([^"]+)"[^>]*name="request_id"/.exec(page)?.[1]
  if (!csrf || !requestId) throw new Error('consent page without its form fields')
  return { csrf, requestId }
}

export interface SignedIn {
  code: string
  state: string
  callback: URL
  verifier: string
  browser: Browser
}

/** Consent (approve) → Entra login → /callback → the client's redirect with code. */
export async function signInThroughConsent(
  publicUrl: string,
  input: AuthorizeInput & { username: string; browser?: Browser; remember?: boolean },
): Promise<SignedIn> {
  const browser = input.browser ?? createBrowser()
  const { url, verifier, state } = authorizeUrl(publicUrl, input)
  const atClient = (u: string) => u.startsWith(input.redirectUri)
  let page = await browser.get(url)
  let location: string
  if (page.status === 200) {
    const { csrf, requestId } = consentFields(await page.text())
    const posted = await browser.post(
      `${publicUrl}/consent`,
      {
        csrf_token: csrf,
        request_id: requestId,
        decision: 'approve',
        ...(input.remember ? { remember: '1' } : {}),
      },
      { origin: publicUrl },
    )
    if (posted.status !== 303) throw new Error(`consent answered ${posted.status}: ${await posted.text()}`)
    location = posted.headers.get('location') ?? ''
  } else if (page.status === 303 || page.status === 302) {
    location = page.headers.get('location') ?? ''
  } else {
    throw new Error(`authorize answered ${page.status}: ${await page.text()}`)
  }
  // Entra (the emulator): login page, then back to our /callback, then to the client.
  let hop = await browser.follow(location, (u) => u.startsWith(`${publicUrl}/callback`) || atClient(u))
  if (!hop.url.startsWith(`${publicUrl}/callback`) && !atClient(hop.url)) {
    await hop.response.text()
    const posted = await browser.post(hop.url, { login: input.username, password: DEMO_PASSWORD })
    hop = await browser.follow(hop.url, (u) => u.startsWith(`${publicUrl}/callback`) || atClient(u), posted)
  }
  if (hop.url.startsWith(`${publicUrl}/callback`)) {
    page = await browser.get(hop.url)
    hop = { url: page.headers.get('location') ?? '', response: page }
  }
  if (!atClient(hop.url)) throw new Error(`flow ended at ${hop.url} (${hop.response.status})`)
  const callback = new URL(hop.url)
  return { code: callback.searchParams.get('code') ?? '', state, callback, verifier, browser }
}

export async function token(
  publicUrl: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${publicUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  })
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  }
}
