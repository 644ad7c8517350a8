// Signs a demo user in as an MCP client does (copied from services/tools/test/support, as packages do
// not import each other's tests): DCR (public client), /authorize with PKCE S256 and an RFC 8707
// resource, the consent page, the emulator's login page, the callback, /token.
import { createHash, randomBytes } from 'node:crypto'
import { DEMO_PASSWORD } from '@m365mcp/entra-emulator'
import { createBrowser } from '@m365mcp/testing'

export const REDIRECT = 'http://127.0.0.1:33419/callback'

export interface SignedIn {
  accessToken: string
  refreshToken: string
  grantId: string
  sub: string
  clientId: string
}

export async function registerPublicClient(publicUrl: string, name = 'tools test client'): Promise<string> {
  const registered = await fetch(`${publicUrl}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: name,
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
    }),
  })
  if (registered.status !== 201) throw new Error(`DCR answered ${registered.status}`)
  return ((await registered.json()) as { client_id: string }).client_id
}

export async function signIn(options: {
  publicUrl: string
  clientId: string
  username: string
  resource: string
}): Promise<SignedIn> {
  const { publicUrl, clientId } = options
  const browser = createBrowser()
  const verifier = randomBytes(32).toString('base64url')
  const authorize = new URL(`${publicUrl}/authorize`)
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: randomBytes(12).toString('base64url'),
    resource: options.resource,
  }).toString()
  const atCallback = (u: string) => u.startsWith(`${publicUrl}/callback`) || u.startsWith(REDIRECT)
  const consent = await browser.get(authorize.href)
  if (consent.status !== 200) throw new Error(`authorize answered ${consent.status}`)
  const page = await consent.text()
  const field = (name: string) =>
    new RegExp(`name="${name}"[^>]*value="([^"]+)"`).exec(page)?.[1] ??
    new RegExp(`value="([^"]+)"[^>]*name="${name}"`).exec(page)?.[1] ??
    ''
  const posted = await browser.post(
    `${publicUrl}/consent`,
    { csrf_token: field('csrf_token'), request_id: field('request_id'), decision: 'approve' },
    { origin: publicUrl },
  )
  let hop = await browser.follow(posted.headers.get('location') ?? '', atCallback)
  if (!atCallback(hop.url)) {
    await hop.response.text()
    const login = await browser.post(hop.url, { login: options.username, password: DEMO_PASSWORD })
    hop = await browser.follow(hop.url, atCallback, login)
  }
  if (hop.url.startsWith(`${publicUrl}/callback`)) {
    const back = await browser.get(hop.url)
    hop = { url: back.headers.get('location') ?? '', response: back }
  }
  if (!hop.url.startsWith(REDIRECT)) throw new Error(`sign-in ended at ${hop.url}`)
  const code = new URL(hop.url).searchParams.get('code') ?? ''
  const issued = await fetch(`${publicUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      client_id: clientId,
    }).toString(),
  })
  const body = (await issued.json()) as { access_token?: string; refresh_token?: string }
  if (issued.status !== 200 || !body.access_token || !body.refresh_token)
    throw new Error(`token answered ${issued.status}`)
  const claims = JSON.parse(Buffer.from(body.access_token.split('.')[1] ?? '', 'base64url').toString()) as {
    gid: string
    sub: string
  }
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    grantId: claims.gid,
    sub: claims.sub,
    clientId,
  }
}
