// Acceptance with the real client code of @modelcontextprotocol/sdk 1.x (`auth()` in
// client/auth.js): discovery, RFC 7591 registration, authorization with PKCE S256 (RFC 7636), our
// consent page and the emulator's login driven by a scripted browser, the code exchange and the
// refresh (RFC 6749 §6, rotated per OAuth 2.1 §4.3.1). Nothing of the SDK is replaced but the
// provider, which is the application's part by design.
import t from 'tap'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { auth, refreshAuthorization } from '@modelcontextprotocol/sdk/client/auth.js'
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js'
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js'
import { startAuth, type AuthHarness } from '../support/auth-harness.js'
import { demoUser, exchange } from '../support/attack-kit.js'
import { approveInBrowser } from '../support/approve-in-browser.js'

const REDIRECT = 'http://127.0.0.1:33418/oauth/callback'

let harness: AuthHarness

t.before(async () => {
  harness = await startAuth((fn) => t.teardown(fn))
})

interface TestProvider extends OAuthClientProvider {
  readonly held: {
    client?: OAuthClientInformationMixed
    tokens?: OAuthTokens
    verifier?: string
    /** The client's redirect URL as the browser reached it (code, state, iss). */
    landed?: URL
  }
}

/** An in-memory provider of a public client on a loopback redirect, as a CLI or desktop app has. */
function createProvider(publicUrl: string, username: string): TestProvider {
  const held: TestProvider['held'] = {}
  const clientMetadata: OAuthClientMetadata = {
    client_name: 'SDK acceptance client',
    redirect_uris: [REDIRECT],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  }
  return {
    held,
    get redirectUrl() {
      return REDIRECT
    },
    clientMetadata,
    clientInformation: () => held.client,
    saveClientInformation: (info) => {
      held.client = info
    },
    tokens: () => held.tokens,
    saveTokens: (tokens) => {
      held.tokens = tokens
    },
    saveCodeVerifier: (verifier) => {
      held.verifier = verifier
    },
    codeVerifier: () => {
      if (held.verifier === undefined) throw new Error('no code verifier saved')
      return held.verifier
    },
    redirectToAuthorization: async (url) => {
      held.landed = await approveInBrowser(publicUrl, url.href, { redirectUri: REDIRECT, username })
    },
  }
}

/** fetch that records every URL the SDK asks for, and the status it got. */
function recordingFetch(log: { url: string; method: string; status: number }[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init)
    const url = input instanceof Request ? input.url : String(input)
    log.push({ url, method: init?.method ?? 'GET', status: response.status })
    return response
  }
}

t.test(
  'MCP SDK auth(): DCR → authorize → consent → Entra login → token → refresh completes (RFC 7591, 7636, 6749 §6)',
  async (t) => {
    const publicUrl = harness.publicUrl
    const serverUrl = `${publicUrl}/mcp`
    const provider = createProvider(publicUrl, demoUser(harness).userPrincipalName)
    const log: { url: string; method: string; status: number }[] = []
    const fetchFn = recordingFetch(log)

    t.equal(await auth(provider, { serverUrl, fetchFn }), 'REDIRECT', 'first call registers and redirects')

    // Discovery: no protected-resource metadata here (the gateway serves it), so the SDK falls
    // back to the origin as the authorization server (RFC 8414 §3) and sends no `resource`.
    const prm = log.filter((e) => e.url.includes('/.well-known/oauth-protected-resource'))
    t.ok(prm.length > 0, 'the SDK asked for protected-resource metadata first')
    t.ok(
      prm.every((e) => e.status === 404),
      'which the auth service does not serve',
    )
    t.ok(
      log.some((e) => e.url === `${publicUrl}/.well-known/oauth-authorization-server` && e.status === 200),
      'then read our authorization-server metadata at the origin',
    )
    const registration = log.find((e) => e.url === `${publicUrl}/register`)
    t.equal(registration?.status, 201, 'registered dynamically')

    const client = provider.held.client
    t.match(client?.client_id, /^mcp_/, 'a server-chosen client id')
    t.notOk(client && 'client_secret' in client && client.client_secret, 'a public client has no secret')

    const landed = provider.held.landed
    if (landed === undefined) throw new Error('the browser never reached the client redirect')
    t.equal(`${landed.origin}${landed.pathname}`, REDIRECT, 'the code came back to the loopback redirect')
    t.equal(landed.searchParams.get('iss'), publicUrl, 'with iss (RFC 9207)')
    const code = landed.searchParams.get('code')
    if (code === null) throw new Error('no code in the client redirect')

    t.equal(
      await auth(provider, { serverUrl, authorizationCode: code, fetchFn }),
      'AUTHORIZED',
      'second call redeems the code',
    )
    const first = provider.held.tokens
    if (first?.refresh_token === undefined) throw new Error('no refresh token issued')
    t.equal(first.token_type.toLowerCase(), 'bearer')
    t.equal(decodeProtectedHeader(first.access_token).typ, 'at+jwt', 'RFC 9068 typ')
    const claims = decodeJwt(first.access_token)
    t.equal(claims.aud, serverUrl, 'aud is the /mcp resource (the default without `resource`)')
    t.equal(claims.iss, publicUrl)
    t.equal(claims.client_id, client?.client_id)
    t.equal((await exchange(harness, first.access_token)).status, 200, 'the access token is usable')

    // The access token is expired as far as the client knows: auth() refreshes with the saved
    // refresh token instead of starting a new authorization.
    provider.held.tokens = { ...first, expires_in: 0 }
    provider.held.landed = undefined
    t.equal(await auth(provider, { serverUrl, fetchFn }), 'AUTHORIZED', 'refreshed without a browser')
    t.equal(provider.held.landed, undefined, 'no new authorization was started')
    const second = provider.held.tokens
    if (second?.refresh_token === undefined) throw new Error('no refresh token after refresh')
    t.not(second.refresh_token, first.refresh_token, 'the refresh token is rotated')
    t.not(second.access_token, first.access_token, 'a new access token')
    t.equal(decodeJwt(second.access_token).aud, serverUrl)
    t.equal(decodeJwt(second.access_token).sub, claims.sub, 'same user')

    // The exported refreshAuthorization against the rotated token rotates again.
    const metadataResponse = await fetch(`${publicUrl}/.well-known/oauth-authorization-server`)
    const metadata = (await metadataResponse.json()) as Parameters<typeof refreshAuthorization>[1]['metadata']
    if (client === undefined) throw new Error('no client information')
    const third = await refreshAuthorization(publicUrl, {
      metadata,
      clientInformation: client,
      refreshToken: second.refresh_token,
    })
    t.ok(third.refresh_token, 'a refresh token again')
    t.not(third.refresh_token, second.refresh_token, 'rotated on every use')
    t.equal(decodeJwt(third.access_token).client_id, client.client_id)
  },
)
