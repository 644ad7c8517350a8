// Issue 3 acceptance: 50 concurrent redemptions of one authorization code, split across two
// replicas on one Redis, give exactly one success (RFC 6749 §4.1.2: a code is used once; RFC 9700
// §4.2.4). The code record is replaced by its used marker in one compare-and-set, so the replicas
// cannot both win.
import t from 'tap'
import { registerPublicClient } from '../support/mcp-client.js'
import { startReplicas } from '../support/replica-harness.js'
import { signInForCode, splitAcross, tokenAt } from '../support/replica-flows.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'

t.test(
  'replicas: 50 concurrent redemptions of one code across A and B give exactly one 200, the rest invalid_grant',
  async (t) => {
    const h = await startReplicas((fn) => t.teardown(fn))
    const client = await registerPublicClient(h.a.url, REDIRECT)
    const issued = await signInForCode(h, client.client_id, REDIRECT)
    const results = await splitAcross(h, 50, (replica) => tokenAt(replica, issued.form))
    const wins = results.filter((r) => r.status === 200)
    t.equal(wins.length, 1, 'exactly one redemption succeeds')
    t.type(wins[0]?.body.access_token, 'string', 'the winner has an access token')
    const losers = results.filter((r) => r.status !== 200)
    t.equal(losers.length, 49)
    t.ok(
      losers.every((r) => r.status === 400 && r.body.error === 'invalid_grant'),
      `every other one is 400 invalid_grant: ${JSON.stringify([...new Set(losers.map((r) => `${r.status} ${String(r.body.error)}`))])}`,
    )
    t.ok(
      losers.every((r) => r.body.access_token === undefined && r.body.refresh_token === undefined),
      'no loser receives a token',
    )
  },
)
