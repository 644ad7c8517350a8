// The hash of the last refresh token issued per client and user (in process and GET
// /_emulator/refresh-tokens): relying-party tests compare it with the refresh token they stored, to
// prove they keep the rotated one (the emulator keeps older ones valid, as Entra does). It must
// follow every issue, by code and by refresh, per client and per user, and never hold the token.
import { createHash } from 'node:crypto'
import t from 'tap'
import * as client from 'openid-client'
import { createIssuedRefreshTokens } from '../../src/entra/issued-refresh-tokens.js'
import { codeFlow, testApp } from './support/flow.js'
import { startIdentityServer } from './support/identity-server.js'
import type { IdentityServer } from './support/identity-server.js'

let server: IdentityServer
t.before(async () => {
  server = await startIdentityServer({ adminEnabled: true })
})
t.teardown(() => server.close())

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

async function served() {
  const response = await fetch(`${server.origin}/_emulator/refresh-tokens`)
  const text = await response.text()
  return {
    status: response.status,
    text,
    body: JSON.parse(text) as { refreshTokens: ReturnType<IdentityServer['app']['issuedRefreshTokens']> },
  }
}

t.test('record: the last token per client and user, counted, hashed, snapshots are copies', (t) => {
  const issued = createIssuedRefreshTokens()
  t.same(issued.snapshot(), [], 'nothing at start')
  issued.record('app', 'user-1', 'rt-1', 10)
  const before = issued.snapshot()
  issued.record('app', 'user-1', 'rt-2', 20)
  issued.record('app', 'user-2', 'rt-3', 30)
  issued.record('other', 'user-1', 'rt-4', 40)
  t.same(before, [{ clientId: 'app', userId: 'user-1', sha256: sha256('rt-1'), issued: 1, issuedAt: 10 }])
  t.same(issued.snapshot(), [
    { clientId: 'app', userId: 'user-1', sha256: sha256('rt-2'), issued: 2, issuedAt: 20 },
    { clientId: 'app', userId: 'user-2', sha256: sha256('rt-3'), issued: 1, issuedAt: 30 },
    { clientId: 'other', userId: 'user-1', sha256: sha256('rt-4'), issued: 1, issuedAt: 40 },
  ])
  t.end()
})

t.test(
  'token endpoint: the code grant and every refresh update the hash to the token just issued',
  async (t) => {
    const app = await testApp(server)
    const other = await testApp(server)
    const clientId = app.registration.clientId
    const user = server.seed.demoUsers[0]
    if (!user) throw new Error('no demo user')
    const entry = () => server.app.issuedRefreshTokens().find((e) => e.clientId === clientId)

    const { tokens } = await codeFlow(server, app)
    const original = tokens.refresh_token ?? ''
    t.ok(original, 'the code grant issued a refresh token')
    t.match(entry(), { userId: user.id, sha256: sha256(original), issued: 1 }, 'after the code grant')

    const first = await client.refreshTokenGrant(app.config, original)
    const rotated = first.refresh_token ?? ''
    t.not(rotated, original)
    t.match(entry(), { userId: user.id, sha256: sha256(rotated), issued: 2 }, 'after a refresh')

    // The old token still works (as at Entra); the newest issued is what that refresh returned.
    const again = await client.refreshTokenGrant(app.config, original)
    t.match(
      entry(),
      { sha256: sha256(again.refresh_token ?? ''), issued: 3 },
      'after a refresh with the old one',
    )

    const failed = await client.refreshTokenGrant(app.config, 'not-a-refresh-token').catch((e: unknown) => e)
    t.type(failed, Error, 'an unknown refresh token is refused')
    t.match(entry(), { issued: 3 }, 'a refused refresh issues nothing')

    await codeFlow(server, other)
    const otherEntry = server.app
      .issuedRefreshTokens()
      .find((e) => e.clientId === other.registration.clientId)
    t.match(otherEntry, { userId: user.id, issued: 1 }, 'another client is kept apart')

    const admin = await served()
    t.equal(admin.status, 200)
    t.same(admin.body.refreshTokens, server.app.issuedRefreshTokens(), 'the admin API answers the same')
    for (const token of [original, rotated, again.refresh_token ?? ''])
      t.notOk(admin.text.includes(token), 'no refresh token in clear in the admin answer')
  },
)

t.test('GET /_emulator/refresh-tokens is 404 when the admin API is disabled', async (t) => {
  const disabled = await startIdentityServer({ adminEnabled: false })
  t.teardown(() => disabled.close())
  const response = await fetch(`${disabled.origin}/_emulator/refresh-tokens`)
  await response.arrayBuffer()
  t.equal(response.status, 404)
})
