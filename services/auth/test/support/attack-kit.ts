// Helpers of the route-level attack tests (ATTACKS A–E): asserting a local refusal page, listing
// the service's Redis keys, signing in to tokens, and calling the internal token exchange.
import type { Test } from 'tap'
import { createTestRedisClient, getTestRedis } from '@m365mcp/testing'
import { INTERNAL_SECRET, type AuthHarness } from './auth-harness.js'
import { signInThroughConsent, token, type AuthorizeInput } from './mcp-client.js'

type Teardown = (fn: () => Promise<void> | void) => void

/** A tap test (subtest) the helpers assert with. */
export type Asserts = Test

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange'
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token'

/** The first demo user of the emulator's Contoso tenant. */
export function demoUser(auth: AuthHarness): { id: string; userPrincipalName: string } {
  const user = auth.emulator.seed.demoUsers[0]
  if (!user) throw new Error('the emulator has no demo user')
  return user
}

/**
 * A request refused on our own page (RFC 6749 §4.1.2.1, RFC 9700 §4.11.2): HTML, the given status,
 * no Location header (no automatic redirect anywhere) and the page security headers (B13, B17).
 * Returns the page text.
 */
export async function expectLocalPage(
  t: Asserts,
  response: Response,
  status = 400,
  label = 'refused locally',
): Promise<string> {
  const body = await response.text()
  t.equal(response.status, status, `${label}: status ${status}`)
  t.equal(response.headers.get('location'), null, `${label}: no Location header`)
  t.match(response.headers.get('content-type'), /^text\/html/, `${label}: an HTML page`)
  t.match(response.headers.get('content-security-policy'), /frame-ancestors 'none'/, `${label}: CSP`)
  t.equal(response.headers.get('x-frame-options'), 'DENY', `${label}: X-Frame-Options`)
  t.equal(response.headers.get('referrer-policy'), 'no-referrer', `${label}: Referrer-Policy`)
  return body
}

/** The `error` of the RFC 6749 §4.1.2.1 response the page's `Link: <…>; rel="return"` offers. */
export function returnLinkError(response: Response): { url: URL; error: string | null } | null {
  const link = response.headers.get('link')
  const target = link === null ? undefined : /^<([^>]+)>;\s*rel="return"$/.exec(link)?.[1]
  if (target === undefined) return null
  const url = new URL(target)
  return { url, error: url.searchParams.get('error') }
}

/** Every Redis key under the harness prefix (SCAN, never KEYS). */
export async function redisKeys(teardown: Teardown, auth: AuthHarness): Promise<string[]> {
  const redis = await getTestRedis()
  const client = createTestRedisClient(redis.url)
  teardown(() => client.disconnect())
  const keys: string[] = []
  let cursor = '0'
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', `${auth.prefix}*`, 'COUNT', 1000)
    cursor = next
    keys.push(...batch)
  } while (cursor !== '0')
  client.disconnect()
  return keys
}

export interface IssuedTokens {
  access_token: string
  refresh_token: string
  status: number
  body: Record<string, unknown>
}

/** Signs the demo user in through consent and redeems the code: the client's first tokens. */
export async function signInForTokens(
  auth: AuthHarness,
  input: Omit<AuthorizeInput, 'redirectUri'> & {
    redirectUri: string
    clientSecret?: string
    clientAuth?: 'post' | 'basic'
  },
): Promise<IssuedTokens & { code: string; verifier: string }> {
  const signed = await signInThroughConsent(auth.publicUrl, {
    ...input,
    username: demoUser(auth).userPrincipalName,
  })
  const form: Record<string, string> = {
    grant_type: 'authorization_code',
    code: signed.code,
    redirect_uri: input.redirectUri,
    code_verifier: signed.verifier,
  }
  const headers: Record<string, string> = {}
  if (input.clientSecret !== undefined && input.clientAuth === 'basic') {
    const basic = `${encodeURIComponent(input.clientId)}:${encodeURIComponent(input.clientSecret)}`
    headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`
  } else {
    form.client_id = input.clientId
    if (input.clientSecret !== undefined) form.client_secret = input.clientSecret
  }
  const issued = await token(auth.publicUrl, form, headers)
  return {
    status: issued.status,
    body: issued.body,
    access_token: String(issued.body.access_token),
    refresh_token: String(issued.body.refresh_token),
    code: signed.code,
    verifier: signed.verifier,
  }
}

/** POST /internal/token-exchange with the given service credential (default: the right one). */
export async function exchange(
  auth: AuthHarness,
  subjectToken: string,
  secret: string | null = INTERNAL_SECRET,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(`${auth.internalUrl}/internal/token-exchange`, {
    method: 'POST',
    headers: {
      ...(secret === null ? {} : { authorization: `Bearer ${secret}` }),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: TOKEN_EXCHANGE_GRANT,
      subject_token: subjectToken,
      subject_token_type: ACCESS_TOKEN_TYPE,
    }),
  })
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  }
}

/** The service still answers: its metadata document is served. */
export async function stillAnswering(t: Asserts, auth: AuthHarness): Promise<void> {
  const response = await fetch(`${auth.publicUrl}/.well-known/oauth-authorization-server`)
  await response.arrayBuffer()
  t.equal(response.status, 200, 'the service still answers afterwards')
}
