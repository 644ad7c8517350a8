// Token-endpoint request counts (in process and GET /_emulator/stats): tests of relying parties use
// them to assert how often Entra was really called, so they must count exactly the authenticated
// requests, per grant type and per client, and nothing else.
import t from 'tap'
import * as client from 'openid-client'
import { CONTOSO } from '../../src/entra/tenants.js'
import { createTokenStats } from '../../src/entra/token-stats.js'
import { codeFlow, testApp } from './support/flow.js'
import { CLIENT_SECRET, startIdentityServer } from './support/identity-server.js'
import type { IdentityServer } from './support/identity-server.js'

let server: IdentityServer
t.before(async () => {
  server = await startIdentityServer({ adminEnabled: true })
})
t.teardown(() => server.close())

async function rawToken(form: Record<string, string>) {
  const response = await fetch(`${server.origin}/${CONTOSO.id}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  })
  await response.arrayBuffer()
  return response.status
}

async function adminStats() {
  const response = await fetch(`${server.origin}/_emulator/stats`)
  return {
    status: response.status,
    body: (await response.json()) as ReturnType<IdentityServer['app']['tokenStats']>,
  }
}

t.test('stats: counts per grant type and per client, a snapshot is a copy', (t) => {
  const stats = createTokenStats()
  t.same(stats.snapshot(), { total: 0, byGrantType: {}, byClient: {} }, 'nothing counted at start')
  stats.record('a', 'refresh_token')
  stats.record('a', 'refresh_token')
  stats.record('a', 'authorization_code')
  const before = stats.snapshot()
  stats.record('b', 'refresh_token')
  t.same(before, {
    total: 3,
    byGrantType: { refresh_token: 2, authorization_code: 1 },
    byClient: { a: { refresh_token: 2, authorization_code: 1 } },
  })
  t.same(stats.snapshot(), {
    total: 4,
    byGrantType: { refresh_token: 3, authorization_code: 1 },
    byClient: { a: { refresh_token: 2, authorization_code: 1 }, b: { refresh_token: 1 } },
  })
  t.end()
})

t.test(
  'stats: the token endpoint counts every authenticated request (RFC 6749 §4.1.3, §6), failed grants too, and no unauthenticated one',
  async (t) => {
    const app = await testApp(server)
    const other = await testApp(server)
    const clientId = app.registration.clientId
    const { tokens } = await codeFlow(server, app)
    await client.refreshTokenGrant(app.config, tokens.refresh_token ?? '')
    t.equal(
      await rawToken({
        grant_type: 'refresh_token',
        refresh_token: 'not-a-refresh-token',
        client_id: clientId,
        client_secret: CLIENT_SECRET,
      }),
      400,
      'an unknown refresh token is refused',
    )
    t.equal(
      await rawToken({
        grant_type: 'refresh_token',
        refresh_token: 'not-a-refresh-token',
        client_id: clientId,
        client_secret: 'wrong-secret',
      }),
      401,
      'a wrong client secret is refused before counting',
    )
    t.equal(await rawToken({ grant_type: 'password', client_id: clientId }), 400, 'unsupported grant type')
    await codeFlow(server, other)

    const inProcess = server.app.tokenStats()
    t.same(inProcess.byClient[clientId], { authorization_code: 1, refresh_token: 2 }, 'this client')
    t.same(inProcess.byClient[other.registration.clientId], { authorization_code: 1 }, 'the other client')
    t.equal(inProcess.byGrantType.password, undefined, 'an unsupported grant type is not counted')
    t.equal(inProcess.total, 4)

    const served = await adminStats()
    t.equal(served.status, 200)
    t.same(served.body, inProcess, 'GET /_emulator/stats answers the same counts')
  },
)

t.test('stats: GET /_emulator/stats is 404 when the admin API is disabled', async (t) => {
  const disabled = await startIdentityServer({ adminEnabled: false })
  t.teardown(() => disabled.close())
  const response = await fetch(`${disabled.origin}/_emulator/stats`)
  await response.arrayBuffer()
  t.equal(response.status, 404)
})
