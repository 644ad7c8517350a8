// GET /authorize against the running service (ATTACKS A1–A11, B19): every refusal before the
// redirect URI is validated is a local page with no Location (RFC 6749 §4.1.2.1, RFC 9700
// §4.11.2); later errors are shown locally too, with a return link carrying `iss` (RFC 9207).
import t from 'tap'
import { decodeJwt } from 'jose'
import { startAuth, type AuthHarness } from '../support/auth-harness.js'
import {
  expectLocalPage,
  redisKeys,
  returnLinkError,
  signInForTokens,
  stillAnswering,
} from '../support/attack-kit.js'
import { createBrowser } from '@m365mcp/testing'
import {
  authorizeUrl,
  b64url,
  challengeOf,
  consentFields,
  register,
  type RegisteredClient,
} from '../support/mcp-client.js'

const HTTPS_REDIRECT = 'https://app.example.com/cb'
const LOOPBACK_REDIRECT = 'http://127.0.0.1:33418/callback'

let auth: AuthHarness
let client: RegisteredClient

t.before(async () => {
  auth = await startAuth((fn) => t.teardown(fn))
  const response = await register(auth.publicUrl, {
    client_name: 'Authorize attack client',
    redirect_uris: [HTTPS_REDIRECT, LOOPBACK_REDIRECT],
    token_endpoint_auth_method: 'none',
  })
  if (response.status !== 201) throw new Error(`DCR failed: ${response.status}`)
  client = (await response.json()) as RegisteredClient
})

/** /authorize with exactly these query parameters (in order, repeats allowed). */
function rawAuthorize(pairs: Array<[string, string]>): Promise<Response> {
  const query = new URLSearchParams(pairs).toString()
  return fetch(`${auth.publicUrl}/authorize?${query}`, { redirect: 'manual' })
}

function validPairs(overrides: Record<string, string | null> = {}): Array<[string, string]> {
  const base: Record<string, string> = {
    response_type: 'code',
    client_id: client.client_id,
    redirect_uri: HTTPS_REDIRECT,
    code_challenge: challengeOf(b64url(Buffer.alloc(32, 7))),
    code_challenge_method: 'S256',
    state: 'st-123',
  }
  const pairs: Array<[string, string]> = []
  for (const [name, value] of Object.entries({ ...base, ...overrides })) {
    if (value !== null) pairs.push([name, value])
  }
  return pairs
}

t.test(
  'A1: redirect_uri variants of the registered value get a local 400 page, never a redirect',
  async (t) => {
    const before = (await redisKeys((fn) => t.teardown(fn), auth)).filter((k) => k.includes(':authz-req:'))
    const variants = [
      'https://app.example.com/cb/',
      'https://APP.example.com/cb',
      'https://app.example.com/CB',
      'https://app.example.com/cb/extra',
      'https://app.example.com/cb?x=1',
      'https://app.example.com/cb#frag',
      'https://app.example.com@evil.example/cb',
      'https://app.example.com/cb/%2e%2e/evil',
      'https://app.example.com/%2e%2e/cb',
      'https://xn--pp-8ka.example.com/cb',
      'https://app.example.com:8443/cb',
      'http://app.example.com/cb',
    ]
    for (const redirect of variants) {
      const response = await rawAuthorize(validPairs({ redirect_uri: redirect }))
      await expectLocalPage(t, response, 400, redirect)
      t.equal(returnLinkError(response), null, `${redirect}: no return link to an unvalidated URI`)
    }
    const after = (await redisKeys((fn) => t.teardown(fn), auth)).filter((k) => k.includes(':authz-req:'))
    t.equal(after.length, before.length, 'nothing was stored for any refused request')
    await stillAnswering(t, auth)
  },
)

t.test('A2: a registered loopback redirect matches on any port, nothing else does', async (t) => {
  const anyPort = await rawAuthorize(validPairs({ redirect_uri: 'http://127.0.0.1:51999/callback' }))
  t.equal(anyPort.status, 200, 'RFC 8252 §7.3: another port of the registered loopback URI is accepted')
  t.match(await anyPort.text(), /name="csrf_token"/, 'the consent page is shown')
  const pending = (await redisKeys((fn) => t.teardown(fn), auth)).filter((k) => k.includes(':authz-req:'))
  t.ok(pending.length > 0, 'a shown consent page stores its request (the A1 key scan sees them)')

  for (const redirect of [
    'http://localhost:33418/callback',
    'http://[::1]:33418/callback',
    'http://localhost.evil.com:33418/callback',
    'http://127.0.0.1.evil.com:33418/callback',
    'http://127.0.0.1:33418/callback/other',
    'https://127.0.0.1:33418/callback',
  ]) {
    const response = await rawAuthorize(validPairs({ redirect_uri: redirect }))
    await expectLocalPage(t, response, 400, redirect)
  }

  const httpsOnly = await register(auth.publicUrl, {
    redirect_uris: ['https://only.example.com/cb'],
    token_endpoint_auth_method: 'none',
  })
  const httpsClient = (await httpsOnly.json()) as RegisteredClient
  const loopbackForHttps = await rawAuthorize(
    validPairs({ client_id: httpsClient.client_id, redirect_uri: 'http://127.0.0.1:33418/cb' }),
  )
  await expectLocalPage(t, loopbackForHttps, 400, 'loopback for a client without a loopback redirect')

  const evil = await register(auth.publicUrl, {
    redirect_uris: ['http://localhost.evil.com/cb'],
    token_endpoint_auth_method: 'none',
  })
  t.equal(evil.status, 400, 'DCR refuses http on a non-loopback host')
  t.equal(((await evil.json()) as { error: string }).error, 'invalid_redirect_uri')
})

t.test(
  'A3: invalid scope and prompt=none are shown locally; Deny returns access_denied with state and iss',
  async (t) => {
    const badScope = await rawAuthorize(validPairs({ scope: 'Mail.Send admin' }))
    await expectLocalPage(t, badScope, 400, 'invalid scope')
    const scopeLink = returnLinkError(badScope)
    t.equal(scopeLink?.error, 'invalid_scope', 'the return link names invalid_scope')
    t.equal(scopeLink?.url.origin + (scopeLink?.url.pathname ?? ''), HTTPS_REDIRECT)
    t.equal(scopeLink?.url.searchParams.get('state'), 'st-123')
    t.equal(scopeLink?.url.searchParams.get('iss'), auth.publicUrl, 'RFC 9207: iss on error responses')

    const promptNone = await rawAuthorize(validPairs({ prompt: 'none' }))
    await expectLocalPage(t, promptNone, 400, 'prompt=none')
    t.equal(returnLinkError(promptNone)?.error, 'invalid_request')

    const browser = createBrowser()
    const { url, state } = authorizeUrl(auth.publicUrl, {
      clientId: client.client_id,
      redirectUri: HTTPS_REDIRECT,
    })
    const page = await browser.get(url)
    t.equal(page.status, 200)
    const { csrf, requestId } = consentFields(await page.text())
    const denied = await browser.post(
      `${auth.publicUrl}/consent`,
      { csrf_token: csrf, request_id: requestId, decision: 'deny' },
      { origin: auth.publicUrl },
    )
    t.equal(denied.status, 303, 'B18: the decision is answered 303')
    const location = new URL(denied.headers.get('location') ?? 'about:blank')
    t.equal(`${location.origin}${location.pathname}`, HTTPS_REDIRECT, 'to the validated redirect URI')
    t.equal(location.searchParams.get('error'), 'access_denied')
    t.equal(location.searchParams.get('state'), state)
    t.equal(location.searchParams.get('iss'), auth.publicUrl, 'A10: iss on the error response')
    t.equal(location.searchParams.get('code'), null, 'no code is issued')
  },
)

t.test('A4: a missing code_challenge, method plain or a missing method is refused', async (t) => {
  const cases: Array<[string, Record<string, string | null>]> = [
    ['missing code_challenge', { code_challenge: null, code_challenge_method: null }],
    ['code_challenge_method=plain', { code_challenge_method: 'plain' }],
    ['missing code_challenge_method (would default to plain)', { code_challenge_method: null }],
    ['a challenge that is not a S256 hash', { code_challenge: 'short' }],
  ]
  for (const [label, overrides] of cases) {
    const response = await rawAuthorize(validPairs(overrides))
    await expectLocalPage(t, response, 400, label)
    t.equal(returnLinkError(response)?.error, 'invalid_request', `${label}: invalid_request`)
  }
})

t.test('A7: duplicate client_id or redirect_uri is a local invalid_request page', async (t) => {
  const twoRedirects = [...validPairs(), ['redirect_uri', LOOPBACK_REDIRECT] as [string, string]]
  const page = await expectLocalPage(t, await rawAuthorize(twoRedirects), 400, 'two redirect_uri')
  t.match(page, /This sign-in request is not valid/, 'invalid_request title')
  const twoClients = [...validPairs(), ['client_id', 'mcp_other'] as [string, string]]
  const second = await rawAuthorize(twoClients)
  t.equal(returnLinkError(second), null, 'no return link')
  t.match(await expectLocalPage(t, second, 400, 'two client_id'), /This sign-in request is not valid/)
})

t.test('A8: response_type token, id_token and "code token" are unsupported_response_type', async (t) => {
  for (const responseType of ['token', 'id_token', 'code token', 'code id_token']) {
    const response = await rawAuthorize(validPairs({ response_type: responseType }))
    await expectLocalPage(t, response, 400, responseType)
    t.equal(returnLinkError(response)?.error, 'unsupported_response_type', responseType)
  }
})

t.test('A9: an unknown resource is invalid_target shown locally', async (t) => {
  for (const resource of [
    'https://evil.example/mcp',
    `${auth.publicUrl}/mcp/`,
    `${auth.publicUrl}/other`,
    'not a url',
  ]) {
    const response = await rawAuthorize(validPairs({ resource }))
    await expectLocalPage(t, response, 400, resource)
    t.equal(returnLinkError(response)?.error, 'invalid_target', resource)
  }
})

t.test('A9: an explicit /mcp or /sse resource binds the access token aud exactly', async (t) => {
  for (const path of ['/mcp', '/sse']) {
    const resource = `${auth.publicUrl}${path}`
    const issued = await signInForTokens(auth, {
      clientId: client.client_id,
      redirectUri: LOOPBACK_REDIRECT,
      resource,
    })
    t.equal(issued.status, 200, JSON.stringify(issued.body))
    t.equal(decodeJwt(issued.access_token).aud, resource, `aud is exactly ${resource}`)
  }
})

t.test(
  'A11: a 64 KB query is refused with 4xx before any work and the service keeps answering',
  async (t) => {
    const response = await rawAuthorize(validPairs({ state: 'x'.repeat(64 * 1024) }))
    await response.arrayBuffer()
    t.ok(response.status >= 400 && response.status < 500, `4xx (${response.status})`)
    t.equal(response.headers.get('location'), null, 'no redirect')
    const scope = await rawAuthorize(validPairs({ scope: 'a '.repeat(6000) }))
    await scope.arrayBuffer()
    t.ok(scope.status >= 400 && scope.status < 500, `a 12 KB scope is 4xx (${scope.status})`)
    await stillAnswering(t, auth)
  },
)

t.test('B19: /authorize answers a cross-origin request without CORS headers', async (t) => {
  const response = await fetch(
    `${auth.publicUrl}/authorize?${new URLSearchParams(validPairs()).toString()}`,
    {
      headers: { origin: 'https://evil.example' },
      redirect: 'manual',
    },
  )
  await response.arrayBuffer()
  t.equal(response.headers.get('access-control-allow-origin'), null)
  t.equal(response.headers.get('access-control-allow-credentials'), null)
  const preflight = await fetch(`${auth.publicUrl}/authorize`, {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
  })
  await preflight.arrayBuffer()
  t.equal(preflight.headers.get('access-control-allow-origin'), null, 'no preflight approval')
})
