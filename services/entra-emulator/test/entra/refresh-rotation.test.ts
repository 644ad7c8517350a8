import t from 'tap'
import * as client from 'openid-client'
import { decodeJwt } from 'jose'
import { CONTOSO } from '../../src/entra/tenants.js'
import { createBrowser } from '@m365mcp/testing'
import { authorizationUrl, codeFlow, testApp } from './support/flow.js'
import { startIdentityServer } from './support/identity-server.js'
import type { IdentityServer } from './support/identity-server.js'
import { signIn } from './support/sign-in.js'

let server: IdentityServer
t.before(async () => {
  server = await startIdentityServer()
})
t.teardown(() => server.close())

const SCOPE = 'openid profile offline_access User.Read People.Read'

function bodyError(err: unknown): { error?: string; suberror?: string; error_codes?: number[] } {
  return err instanceof client.ResponseBodyError ? err.cause : {}
}

t.test(
  'refresh: every refresh returns a new refresh token and the one presented keeps working',
  async (t) => {
    const app = await testApp(server)
    const { tokens } = await codeFlow(server, app, { scope: SCOPE })
    const original = tokens.refresh_token ?? ''
    const first = await client.refreshTokenGrant(app.config, original)
    t.type(first.refresh_token, 'string')
    t.not(first.refresh_token, original, 'a new refresh token')
    const second = await client.refreshTokenGrant(app.config, original)
    t.type(second.access_token, 'string', 'the old refresh token still works')
    t.not(second.refresh_token, first.refresh_token)
    const third = await client.refreshTokenGrant(app.config, first.refresh_token ?? '')
    t.type(third.access_token, 'string', 'the rotated one works too')
    t.type(third.refresh_token, 'string')
    t.not(third.refresh_token, first.refresh_token, 'the third refresh token differs from the first')
    t.not(third.refresh_token, second.refresh_token, 'and from the second')
    t.not(third.refresh_token, original, 'and from the original')
    t.equal(third.claims()?.sub, tokens.claims()?.sub, 'the ID token of a refresh names the same subject')
  },
)

t.test(
  'offline_access is honoured without prompt=consent: a refresh token, no prompt parameter',
  async (t) => {
    const app = await testApp(server)
    const user = server.seed.demoUsers[1]
    if (!user) throw new Error('seed has no second demo user')
    const { url, verifier, state, nonce } = await authorizationUrl(app, { scope: SCOPE })
    t.notOk(url.searchParams.has('prompt'), 'the authorization request carries no prompt')
    t.match(url.searchParams.get('scope'), /(^| )offline_access( |$)/)
    // signIn fails on any page other than the login page (a consent page included) before the redirect.
    const signedIn = await signIn(createBrowser(), url, app.redirectUri, { username: user.userPrincipalName })
    t.ok(signedIn.sawLoginPage, 'one interactive sign-in, straight back to the app')
    const tokens = await client.authorizationCodeGrant(app.config, signedIn.callbackUrl, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    })
    t.type(tokens.refresh_token, 'string', 'a refresh token is issued')
    t.ok((tokens.refresh_token ?? '').length > 0)
    const refreshed = await client.refreshTokenGrant(app.config, tokens.refresh_token ?? '')
    t.type(refreshed.access_token, 'string', 'and it refreshes')
  },
)

t.test('refresh: the scope may narrow, in short or Graph-qualified spelling', async (t) => {
  const app = await testApp(server)
  const { tokens } = await codeFlow(server, app, { scope: SCOPE })
  const narrowed = await client.refreshTokenGrant(app.config, tokens.refresh_token ?? '', {
    scope: 'openid https://graph.microsoft.com/User.Read offline_access',
  })
  t.equal(narrowed.scope, 'User.Read openid')
  t.equal(decodeJwt(narrowed.access_token).scp, 'User.Read openid')
  t.type(narrowed.refresh_token, 'string')
})

t.test(
  'refresh: a scope the refresh token was not granted is invalid_grant AADSTS65001 consent_required',
  async (t) => {
    const app = await testApp(server)
    const { tokens } = await codeFlow(server, app, { scope: SCOPE })
    const err = await client
      .refreshTokenGrant(app.config, tokens.refresh_token ?? '', {
        scope: 'openid offline_access User.Read Calendars.Read',
      })
      .catch((e: unknown) => e)
    const body = bodyError(err)
    t.equal(body.error, 'invalid_grant')
    t.equal(body.suberror, 'consent_required')
    t.same(body.error_codes, [65001])
  },
)

t.test('refresh: an unknown refresh token is invalid_grant AADSTS9002313', async (t) => {
  const app = await testApp(server)
  const err = await client.refreshTokenGrant(app.config, 'not-a-refresh-token').catch((e: unknown) => e)
  const body = bodyError(err)
  t.equal(body.error, 'invalid_grant')
  t.same(body.error_codes, [9002313])
})

t.test(
  'refresh: revoking the user (admin API) fails refresh with AADSTS50173 and ends the SSO session',
  async (t) => {
    const user = server.seed.demoUsers[2]
    if (!user) throw new Error('seed has no third demo user')
    const app = await testApp(server)
    const { tokens, authorized } = await codeFlow(server, app, {
      scope: SCOPE,
      username: user.userPrincipalName,
    })
    const rotated = await client.refreshTokenGrant(app.config, tokens.refresh_token ?? '')

    const revoke = await fetch(`${server.origin}/_emulator/users/${user.id}/revoke`, { method: 'POST' })
    t.equal(revoke.status, 200)
    t.match(await revoke.json(), { oid: user.id, tenantId: CONTOSO.id, revokedGrants: 1, revokedSessions: 1 })

    for (const refreshToken of [tokens.refresh_token ?? '', rotated.refresh_token ?? '']) {
      const body = bodyError(
        await client.refreshTokenGrant(app.config, refreshToken).catch((e: unknown) => e),
      )
      t.equal(body.error, 'invalid_grant')
      t.same(body.error_codes, [50173])
    }

    const { url } = await authorizationUrl(app, { scope: SCOPE, params: { prompt: 'none' } })
    const silent = await authorized.browser.follow(url.href, (u) => u.startsWith(app.redirectUri))
    t.equal(
      new URL(silent.url).searchParams.get('error'),
      'login_required',
      'the browser session is gone too',
    )
  },
)
