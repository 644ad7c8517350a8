import { randomUUID } from 'node:crypto'
import t from 'tap'
import { CONTOSO } from '../../src/entra/tenants.js'
import { startIdentityServer } from './support/identity-server.js'
import type { IdentityServer } from './support/identity-server.js'

let enabled: IdentityServer
let disabled: IdentityServer
t.before(async () => {
  enabled = await startIdentityServer({ adminEnabled: true })
  disabled = await startIdentityServer({ adminEnabled: false })
})
t.teardown(async () => {
  await enabled.close()
  await disabled.close()
})

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

t.test('admin: every route is 404 when the admin API is disabled', async (t) => {
  const user = disabled.seed.demoUsers[0]?.id ?? randomUUID()
  const calls: Array<[string, RequestInit]> = [
    ['/_emulator/faults', { method: 'GET' }],
    ['/_emulator/faults', json({ target: 'token:*', kind: 'throttle' })],
    ['/_emulator/faults', { method: 'DELETE' }],
    ['/_emulator/clients', json({})],
    [`/_emulator/users/${user}/revoke`, { method: 'POST' }],
  ]
  for (const [path, init] of calls) {
    const response = await fetch(`${disabled.origin}${path}`, init)
    t.equal(response.status, 404, `${init.method ?? 'GET'} ${path}`)
  }
  t.same(disabled.faults.list(), [], 'nothing was registered')
})

t.test('admin: fault rules are added, listed and cleared', async (t) => {
  const added = await fetch(
    `${enabled.origin}/_emulator/faults`,
    json({ target: 'graph:/me/messages', kind: 'throttle', retryAfter: 1.5, times: 2 }),
  )
  t.equal(added.status, 201)
  t.match(await added.json(), {
    id: Number,
    target: 'graph:/me/messages',
    kind: 'throttle',
    retryAfter: 1.5,
    times: 2,
    hits: 0,
  })
  const listed = (await (await fetch(`${enabled.origin}/_emulator/faults`)).json()) as { faults: unknown[] }
  t.equal(listed.faults.length, 1)
  t.equal((await fetch(`${enabled.origin}/_emulator/faults`, { method: 'DELETE' })).status, 204)
  t.same(enabled.faults.list(), [])
})

t.test('admin: bad fault rules are 400 with a message naming the problem', async (t) => {
  const cases: Array<[unknown, RegExp]> = [
    [{ target: 'token:*', kind: 'explode' }, /kind/],
    [{ target: 'somewhere', kind: 'throttle' }, /target/],
    [{ target: 'token:refresh_token', kind: 'expired_token' }, /kind does not apply/],
    [{ target: 'graph:*', kind: 'invalid_grant' }, /kind does not apply/],
    [{ target: 'token:*', kind: 'throttle', retryAfter: -1 }, /retryAfter/],
    [{ target: 'token:*', kind: 'throttle', userId: 'me' }, /userId/],
    [{ target: 'token:*', kind: 'throttle', extra: true }, /extra|Unrecognized/i],
  ]
  for (const [body, message] of cases) {
    const response = await fetch(`${enabled.origin}/_emulator/faults`, json(body))
    t.equal(response.status, 400, JSON.stringify(body))
    const error = (await response.json()) as { error: string; error_description: string }
    t.equal(error.error, 'invalid_request')
    t.match(error.error_description, message)
  }
  const notJson = await fetch(`${enabled.origin}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{',
  })
  t.equal(notJson.status, 400)
  t.same(enabled.faults.list(), [])
})

t.test('admin: app registrations are validated; a registered app is usable at once', async (t) => {
  const bad: Array<[unknown, RegExp]> = [
    [
      { clientId: 'x', tenantId: CONTOSO.id, redirectUris: ['https://a.example/cb'], permissions: [] },
      /clientId/,
    ],
    [
      {
        clientId: randomUUID(),
        tenantId: CONTOSO.id,
        redirectUris: ['http://evil.example/cb'],
        permissions: [],
      },
      /redirectUris/,
    ],
    [
      {
        clientId: randomUUID(),
        tenantId: CONTOSO.id,
        redirectUris: ['https://a.example/cb#f'],
        permissions: [],
      },
      /redirectUris/,
    ],
    [
      {
        clientId: randomUUID(),
        tenantId: CONTOSO.id,
        redirectUris: ['https://a.example/cb'],
        permissions: ['Mail.Everything'],
      },
      /Mail\.Everything/,
    ],
    [
      {
        clientId: randomUUID(),
        tenantId: randomUUID(),
        redirectUris: ['https://a.example/cb'],
        permissions: [],
      },
      /tenantId/,
    ],
  ]
  for (const [body, message] of bad) {
    const response = await fetch(`${enabled.origin}/_emulator/clients`, json(body))
    t.equal(response.status, 400)
    t.match(((await response.json()) as { error_description: string }).error_description, message)
  }
  const clientId = randomUUID()
  const created = await fetch(
    `${enabled.origin}/_emulator/clients`,
    json({
      clientId,
      tenantId: CONTOSO.id,
      clientSecret: 's3cret',
      redirectUris: ['http://127.0.0.1:9/cb'],
      permissions: ['user.read'],
      name: 'Run-time app',
    }),
  )
  t.equal(created.status, 201)
  t.match(await created.json(), {
    clientId,
    permissions: ['User.Read'],
    confidential: true,
    certificate: false,
  })
  const authorize = await fetch(
    `${enabled.origin}/${CONTOSO.id}/oauth2/v2.0/authorize?client_id=${clientId}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('http://127.0.0.1:9/cb')}&code_challenge=${'a'.repeat(43)}&code_challenge_method=S256`,
    { redirect: 'manual' },
  )
  t.equal(authorize.status, 303, 'on to the login page')
  t.match(authorize.headers.get('location'), `/${CONTOSO.id}/login/`)
})

t.test('admin: revoking an unknown user is 404, a malformed id 400', async (t) => {
  t.equal(
    (await fetch(`${enabled.origin}/_emulator/users/${randomUUID()}/revoke`, { method: 'POST' })).status,
    404,
  )
  t.equal((await fetch(`${enabled.origin}/_emulator/users/nobody/revoke`, { method: 'POST' })).status, 400)
})
