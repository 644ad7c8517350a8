// Issue 3 acceptance: 20 concurrent refreshes of one refresh token, split across two replicas on
// one Redis, keep the documented rotation semantics (docs/storage-schema.md, OAuth 2.1 §4.3.1,
// RFC 9700 §4.14.2): within the grace window every success carries the one successor; without a
// grace window at most one succeeds and the reuse revokes the family.
import t from 'tap'
import { registerPublicClient } from '../support/mcp-client.js'
import { startReplicas } from '../support/replica-harness.js'
import { signInForTokensAcross, splitAcross, tokenAt } from '../support/replica-flows.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'

const refreshForm = (clientId: string, refreshToken: string) => ({
  grant_type: 'refresh_token',
  refresh_token: refreshToken,
  client_id: clientId,
})

t.test(
  'replicas: 20 concurrent refreshes with the default 30 s grace all return the same single successor',
  async (t) => {
    const h = await startReplicas((fn) => t.teardown(fn))
    const client = await registerPublicClient(h.a.url, REDIRECT)
    const { refreshToken } = await signInForTokensAcross(h, client.client_id, REDIRECT)
    const form = refreshForm(client.client_id, refreshToken)
    const results = await splitAcross(h, 20, (replica) => tokenAt(replica, form))
    t.ok(
      results.every((r) => r.status === 200),
      `every refresh succeeds: ${JSON.stringify([...new Set(results.map((r) => r.status))])}`,
    )
    const successors = new Set(results.map((r) => String(r.body.refresh_token)))
    t.equal(successors.size, 1, 'one successor for all: the grace rule never creates a second live token')
    const [successor = ''] = successors
    t.not(successor, refreshToken, 'the token was rotated')

    const next = await tokenAt(h.b, refreshForm(client.client_id, successor))
    t.equal(next.status, 200, 'the successor is live and rotates on the other replica')
    const reused = await tokenAt(h.a, form)
    t.equal(reused.status, 400, 'the original presented once its successor was used: refused')
    t.equal(reused.body.error, 'invalid_grant')
    const after = await tokenAt(h.b, refreshForm(client.client_id, String(next.body.refresh_token)))
    t.equal(after.status, 400, 'and that reuse revoked the whole family, the newest token too')
    t.equal(after.body.error, 'invalid_grant')
  },
)

t.test(
  'replicas: 20 concurrent refreshes with REFRESH_TOKEN_GRACE=0 give at most one success and revoke the family',
  async (t) => {
    const h = await startReplicas((fn) => t.teardown(fn), { env: { REFRESH_TOKEN_GRACE: '0' } })
    const client = await registerPublicClient(h.a.url, REDIRECT)
    const { refreshToken } = await signInForTokensAcross(h, client.client_id, REDIRECT)
    const form = refreshForm(client.client_id, refreshToken)
    const results = await splitAcross(h, 20, (replica) => tokenAt(replica, form))
    const wins = results.filter((r) => r.status === 200)
    t.ok(wins.length <= 1, `at most one success (got ${wins.length})`)
    const losers = results.filter((r) => r.status !== 200)
    t.ok(
      losers.every((r) => r.status === 400 && r.body.error === 'invalid_grant'),
      'every other refresh is 400 invalid_grant',
    )
    t.ok(
      losers.every((r) => r.body.refresh_token === undefined),
      'no refused request receives a token',
    )
    for (const win of wins) {
      const successor = await tokenAt(h.b, refreshForm(client.client_id, String(win.body.refresh_token)))
      t.equal(
        successor.status,
        400,
        "the reuse outside grace revoked the family: the winner's successor is dead",
      )
      t.equal(successor.body.error, 'invalid_grant')
    }
    const again = await tokenAt(h.a, form)
    t.equal(again.body.error, 'invalid_grant', 'the original stays refused')
  },
)
