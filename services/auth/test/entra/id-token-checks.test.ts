// ATTACKS C22: the ID token checks openid-client runs for us are wired in (issuer, audience,
// lifetime, nonce, signature, algorithm) and our own Entra checks follow (tid/oid, tenant).
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { createEntraClient } from '../../src/entra/entra-client.js'
import { EntraError } from '../../src/entra/errors.js'
import { CONTOSO, FABRIKAM, FAST_RETRY, REDIRECT_URI, silent } from './support/emulator.js'
import { startCraftedIdp } from './support/crafted-idp.js'

const idp = await startCraftedIdp(CONTOSO.id)
t.teardown(() => idp.close())
const clientId = randomUUID()
const client = createEntraClient({
  authority: idp.authority,
  clientId,
  credential: { kind: 'secret', secret: 's3cret' },
  redirectUri: REDIRECT_URI,
  graphScopes: ['User.Read'],
  allowedTenants: [CONTOSO.id],
  allowInsecureLoopbackAuthority: true,
  timeoutMs: 2_000,
  retry: FAST_RETRY,
  logger: silent,
})
t.teardown(() => client.close())

const oid = randomUUID()
const nowS = () => Math.floor(Date.now() / 1000)
const goodClaims = (nonce: string) => ({
  iss: idp.authority,
  aud: clientId,
  sub: 'pairwise-subject',
  tid: CONTOSO.id,
  oid,
  nonce,
  iat: nowS(),
  nbf: nowS(),
  exp: nowS() + 3600,
  name: 'Test User',
  preferred_username: 'test.user@contoso.example',
})

async function attempt(
  build: (nonce: string) => Promise<string>,
  extra: Record<string, unknown> = { refresh_token: 'rt' },
) {
  const { transaction } = await client.startAuthorization()
  idp.respond(async () => ({
    access_token: 'at',
    token_type: 'Bearer',
    expires_in: 3600,
    scope: 'User.Read',
    id_token: await build(transaction.nonce),
    ...extra,
  }))
  const callback = `${REDIRECT_URI}?code=c&state=${transaction.state}`
  return client.completeAuthorization(callback, transaction).catch((e: unknown) => e)
}

const refused = (err: unknown, code: string) => err instanceof EntraError && err.code === code

t.test('C22: a well-formed ID token from the configured issuer is accepted (control)', async (t) => {
  const result = await attempt((n) => idp.sign(goodClaims(n)))
  t.notOk(result instanceof Error, 'accepted')
})

const cases: Record<string, (nonce: string) => Promise<string>> = {
  'foreign-tenant iss': (n) =>
    idp.sign({ ...goodClaims(n), iss: `https://login.microsoftonline.com/${FABRIKAM.id}/v2.0` }),
  'wrong aud': (n) => idp.sign({ ...goodClaims(n), aud: randomUUID() }),
  expired: (n) => idp.sign({ ...goodClaims(n), iat: nowS() - 7200, exp: nowS() - 3600 }),
  'bad nonce': (n) => idp.sign({ ...goodClaims(n), nonce: `${n}x` }),
  'missing nonce': (n) => idp.sign({ ...goodClaims(n), nonce: undefined }),
  'alg:none': (n) => idp.sign(goodClaims(n), { alg: 'none' }),
  'unknown kid': (n) => idp.sign(goodClaims(n), { unknownKey: true }),
  'HS256 signed with the public key': (n) => idp.sign(goodClaims(n), { alg: 'HS256' }),
  'tampered payload': async (n) => {
    const [h, , s] = (await idp.sign(goodClaims(n))).split('.')
    const forged = Buffer.from(JSON.stringify({ ...goodClaims(n), oid: randomUUID() })).toString('base64url')
    return `${h}.${forged}.${s}`
  },
  'tid of another tenant than the authority': (n) => idp.sign({ ...goodClaims(n), tid: FABRIKAM.id }),
  'missing oid': (n) => idp.sign({ ...goodClaims(n), oid: undefined }),
}
for (const [name, build] of Object.entries(cases)) {
  t.test(`C22: an ID token with ${name} is refused`, async (t) => {
    t.ok(refused(await attempt(build), 'invalid_token_response'))
  })
}

t.test(
  'sign-in: a token response without a refresh token is refused (offline access is required)',
  async (t) => {
    t.ok(refused(await attempt((n) => idp.sign(goodClaims(n)), {}), 'missing_refresh_token'))
  },
)
