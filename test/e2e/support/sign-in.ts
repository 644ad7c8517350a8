// A completed grant through the gateway, as any MCP client gets one: DCR as a public client,
// /authorize with PKCE S256 (RFC 7636) and the RFC 8707 resource, consent and the emulator login
// in the scripted browser, then the code at /token. Tests that hand a bearer to a client which
// cannot do the browser step itself (Inspector CLI, mcp-remote with --header) start here.
import { createHash, randomBytes } from 'node:crypto'
import { approveInBrowser } from './approve-in-browser.js'

export const GRANT_REDIRECT = 'http://127.0.0.1:33419/callback'

export interface Grant {
  accessToken: string
  refreshToken: string
  clientId: string
  code: string
}

export interface StartedAuthorization {
  clientId: string
  verifier: string
  authorizationUrl: string
}

/** DCR as a public client, then the /authorize URL (PKCE S256, RFC 8707 resource) to open. */
export async function startAuthorization(input: {
  publicUrl: string
  resource: string
  clientName?: string
}): Promise<StartedAuthorization> {
  const { publicUrl } = input
  const registered = await fetch(`${publicUrl}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: input.clientName ?? 'E2E client',
      redirect_uris: [GRANT_REDIRECT],
      token_endpoint_auth_method: 'none',
    }),
  })
  if (registered.status !== 201) throw new Error(`register answered ${registered.status}`)
  const { client_id: clientId } = (await registered.json()) as { client_id: string }
  const verifier = randomBytes(32).toString('base64url')
  const authorize = new URL(`${publicUrl}/authorize`)
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: GRANT_REDIRECT,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: randomBytes(12).toString('base64url'),
    resource: input.resource,
  }).toString()
  return { clientId, verifier, authorizationUrl: authorize.href }
}

export async function signIn(input: {
  publicUrl: string
  username: string
  resource: string
  clientName?: string
}): Promise<Grant> {
  const { publicUrl } = input
  const { clientId, verifier, authorizationUrl } = await startAuthorization(input)
  const landed = await approveInBrowser({
    publicUrl,
    authorizationUrl,
    redirectUri: GRANT_REDIRECT,
    username: input.username,
  })
  const code = landed.searchParams.get('code') ?? ''
  const issued = await fetch(`${publicUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: GRANT_REDIRECT,
      code_verifier: verifier,
      client_id: clientId,
      resource: input.resource,
    }).toString(),
  })
  const body = (await issued.json()) as { access_token?: string; refresh_token?: string }
  if (issued.status !== 200 || !body.access_token || !body.refresh_token)
    throw new Error(`token answered ${issued.status}`)
  return { accessToken: body.access_token, refreshToken: body.refresh_token, clientId, code }
}
