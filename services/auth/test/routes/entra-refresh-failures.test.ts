// Entra's re-authentication answers to the Graph refresh (issue 3: `invalid_grant` /
// `interaction_required` / `consent_required` revoke the grant), through the running service's
// internal token exchange, real Redis and the emulator's fault injection: the exchange is 401, the
// grant stays revoked once Entra works again, and the MCP client's refresh token is invalid_grant.
import t from 'tap'
import { decodeJwt } from 'jose'
import { startAuthWith, type AuthHarness } from '../support/auth-harness.js'
import { exchange, signInForTokens, stillAnswering } from '../support/attack-kit.js'
import { registerPublicClient, token, type RegisteredClient } from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'

// Graph tokens of 60 s are inside the 2-minute refresh margin at once: every exchange refreshes.
let auth: AuthHarness
let client: RegisteredClient

t.before(async () => {
  auth = await startAuthWith((fn) => t.teardown(fn), { accessTokenTtlSeconds: 60 })
  client = await registerPublicClient(auth.publicUrl, REDIRECT)
})

for (const kind of ['invalid_grant', 'interaction_required', 'consent_required'] as const) {
  t.test(`Entra ${kind} on the Graph refresh revokes the grant`, async (t) => {
    const issued = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
    t.equal(issued.status, 200)
    const first = await exchange(auth, issued.access_token)
    t.equal(first.status, 200, 'control: the grant exchanges (and refreshes) while Entra agrees')

    auth.emulator.faults.add({ target: 'token:refresh_token', kind, times: 1 })
    t.teardown(() => auth.emulator.faults.clear())
    const result = await exchange(auth, issued.access_token)
    t.equal(auth.emulator.faults.list().length, 0, `Entra was asked to refresh and answered ${kind}`)
    t.equal(result.status, 401)
    t.equal(result.body.error, 'invalid_token')
    t.notOk(result.body.access_token, 'no Graph token')

    const grant = await auth.services.grants.get(String(decodeJwt(issued.access_token).gid))
    t.equal(grant, null, 'the grant is gone from the store')
    const again = await exchange(auth, issued.access_token)
    t.equal(again.status, 401, 'the grant stays revoked once Entra works again')
    const refreshed = await token(auth.publicUrl, {
      grant_type: 'refresh_token',
      refresh_token: issued.refresh_token,
      client_id: client.client_id,
    })
    t.equal(refreshed.status, 400)
    t.equal(refreshed.body.error, 'invalid_grant', 'the MCP client must sign in again')
    await stillAnswering(t, auth)
  })
}
