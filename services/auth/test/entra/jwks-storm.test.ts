// ATTACKS C25, the Entra leg: ID tokens naming kids Entra never published must not make us fetch
// Entra's JWKS once per sign-in. openid-client (oauth4webapi) keeps the JWKS per Configuration for
// 5 minutes and refetches on an unknown kid only when its copy is at least 60 s old, with
// concurrent refetches sharing one request; these tests pin that behaviour, since our rate limit
// is theirs. oauth4webapi reads the time from Date.now, so the tests move that clock.
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { createEntraClient } from '../../src/entra/entra-client.js'
import { EntraError } from '../../src/entra/errors.js'
import { CONTOSO, FAST_RETRY, REDIRECT_URI, silent } from './support/emulator.js'
import { startCountingIdp } from './support/counting-idp.js'

const idp = await startCountingIdp(CONTOSO.id)
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

// The process clock, moved forward by the tests (ID token times follow it).
const realNow = Date.now.bind(Date)
let offsetMs = 0
Date.now = () => realNow() + offsetMs
t.teardown(() => {
  Date.now = realNow
})

const nowS = () => Math.floor(Date.now() / 1000)
const claims = (nonce: string) => ({
  iss: idp.authority,
  aud: clientId,
  sub: 'pairwise-subject',
  tid: CONTOSO.id,
  oid: randomUUID(),
  nonce,
  iat: nowS(),
  nbf: nowS(),
  exp: nowS() + 3600,
})

async function signIn(options: { unknownKid?: boolean } = {}) {
  const { transaction } = await client.startAuthorization()
  const idToken = await idp.sign(claims(transaction.nonce), options)
  idp.respond(async () => ({
    access_token: 'at',
    token_type: 'Bearer',
    expires_in: 3600,
    scope: 'User.Read',
    refresh_token: 'rt',
    id_token: idToken,
  }))
  const callback = `${REDIRECT_URI}?code=c&state=${transaction.state}`
  return client.completeAuthorization(callback, transaction).catch((e: unknown) => e)
}

const refused = (result: unknown) => result instanceof EntraError && result.code === 'invalid_token_response'

t.test('C25: ID tokens with unknown kids, many in a row, cause no JWKS request to Entra', async (t) => {
  const control = await signIn()
  t.notOk(control instanceof Error, 'a token of the published key is accepted (control)')
  t.equal(idp.jwksRequests(), 1, 'the JWKS is fetched once')

  for (let i = 0; i < 30; i++) t.ok(refused(await signIn({ unknownKid: true })), `unknown kid ${i} refused`)
  t.equal(idp.jwksRequests(), 1, 'thirty unknown kids in a row: no refetch while the copy is fresh')

  const concurrent = await Promise.all(Array.from({ length: 50 }, () => signIn({ unknownKid: true })))
  t.ok(concurrent.every(refused), '50 concurrent unknown kids refused')
  t.equal(idp.jwksRequests(), 1, 'still no refetch')
})

t.test('C25: once the copy is 60 s old a storm of unknown kids shares a single refetch', async (t) => {
  const before = idp.jwksRequests()
  offsetMs += 61_000
  const storm = await Promise.all(Array.from({ length: 50 }, () => signIn({ unknownKid: true })))
  t.ok(storm.every(refused), 'all refused')
  t.equal(idp.jwksRequests() - before, 1, 'fifty unknown kids, one request to the JWKS endpoint')
  for (let i = 0; i < 10; i++) t.ok(refused(await signIn({ unknownKid: true })))
  t.equal(idp.jwksRequests() - before, 1, 'and none for the next ones inside the minute')
})

t.test('C25: a key Entra rolled over to is picked up by that one refetch', async (t) => {
  await idp.rollOver()
  offsetMs += 61_000
  const before = idp.jwksRequests()
  const result = await signIn()
  t.notOk(result instanceof Error, 'a token of the new key is accepted')
  t.equal(idp.jwksRequests() - before, 1, 'after one refetch of the JWKS')
  t.notOk((await signIn()) instanceof Error)
  t.equal(idp.jwksRequests() - before, 1, 'which is then cached')
})
