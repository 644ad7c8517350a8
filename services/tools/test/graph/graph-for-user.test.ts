// End to end: our access token → the auth service's token exchange → Graph (the emulator) through
// the SDK chain; after the grant is revoked the tool sees a curated reauth_required.
import t, { type Test } from 'tap'
import { createGraphClientFactory } from '../../src/graph/graph-client.js'
import { graphForUser } from '../../src/graph/graph-for-user.js'
import { createGraphTokenProvider } from '../../src/graph/token-exchange-client.js'
import { ToolError } from '../../src/graph/tool-error.js'
import { captureLogger } from './support/capture-logger.js'
import { INTERNAL_SECRET, startAuth, type AuthHarness } from './support/auth-harness.js'

let auth: AuthHarness

t.before(async () => {
  auth = await startAuth((fn) => t.teardown(fn))
})

function deps(t: Test) {
  let exchanges = 0
  const tokens = createGraphTokenProvider({
    authInternalUrl: auth.internalUrl,
    internalSecret: INTERNAL_SECRET,
    fetch: (input, init) => {
      exchanges++
      return fetch(input, init)
    },
  })
  const clients = createGraphClientFactory({
    baseUrl: auth.emulator.graphBaseUrl,
    caPem: auth.emulator.caPem,
    logger: captureLogger().logger,
  })
  t.teardown(() => clients.close())
  return { tokens, clients, exchanges: () => exchanges }
}

t.test('graphForUser: /me with the exchanged token; later calls reuse the cached token', async (t) => {
  const user = await auth.signIn()
  const d = deps(t)
  const graph = graphForUser(d, user)
  const me = await graph.get<{ userPrincipalName: string }>('/me')
  t.equal(me.userPrincipalName, auth.emulator.seed.demoUsers[0]?.userPrincipalName)
  await graph.get('/me')
  await graphForUser(d, user).get('/me')
  t.equal(d.exchanges(), 1, 'one exchange for three calls')
})

t.test('graphForUser: a revoked grant is reauth_required with a sign-in-again message', async (t) => {
  const user = await auth.signIn()
  const d = deps(t)
  await graphForUser(d, user).get('/me')
  await auth.services.grants.revoke(user.grantId)
  d.tokens.invalidate(user.grantId)
  const error = await graphForUser(d, user)
    .get('/me')
    .then(
      () => undefined,
      (e: unknown) => e,
    )
  t.type(error, ToolError)
  t.equal((error as ToolError).code, 'reauth_required')
  t.match((error as ToolError).message, /sign in again/)
  t.notMatch((error as ToolError).message, /https?:|eyJ|127\.0\.0\.1/)
})

t.test('graphForUser: a Graph 401 drops the cached token so the next call exchanges again', async (t) => {
  const user = await auth.signIn()
  const d = deps(t)
  await graphForUser(d, user).get('/me')
  auth.emulator.faults.add({ target: 'graph:/me', kind: 'expired_token', times: 1 })
  t.teardown(() => auth.emulator.faults.clear())
  const error = await graphForUser(d, user)
    .get('/me')
    .then(
      () => undefined,
      (e: unknown) => e,
    )
  t.equal((error as ToolError).code, 'reauth_required')
  await graphForUser(d, user).get('/me')
  t.equal(d.exchanges(), 2, 'exchanged again after the 401')
})
