import { parseExposition, sampleValue, startMetricsServer } from '@m365mcp/metrics'
import t from 'tap'
import { demoUser, exchange, signInForTokens } from '../support/attack-kit.js'
import { startAuth } from '../support/auth-harness.js'
import { registerPublicClient, token } from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'

t.test(
  'metrics: grants, tokens, exchanges and reuse are counted by bounded labels, never by user, client or token',
  async (t) => {
    const auth = await startAuth((fn) => t.teardown(fn))
    const metrics = await startMetricsServer({
      host: '127.0.0.1',
      port: 0,
      registry: auth.services.metrics.registry,
      logger: { error: () => undefined },
    })
    t.teardown(() => metrics.close())

    const client = await registerPublicClient(auth.publicUrl, REDIRECT)
    const first = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
    t.equal(first.status, 200)
    const exchanged = await exchange(auth, first.access_token)
    t.equal(exchanged.status, 200)
    const refreshed = await token(auth.publicUrl, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      client_id: client.client_id,
    })
    t.equal(refreshed.status, 200)
    // Outside the grace window's rule (the successor was used), a replay of the first token is reuse.
    const successor = String(refreshed.body.refresh_token)
    t.equal(
      (
        await token(auth.publicUrl, {
          grant_type: 'refresh_token',
          refresh_token: successor,
          client_id: client.client_id,
        })
      ).status,
      200,
    )
    const replay = await token(auth.publicUrl, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      client_id: client.client_id,
    })
    t.equal(replay.status, 400)
    t.equal((await exchange(auth, first.access_token)).status, 401, 'the revoked grant exchanges no more')

    const response = await fetch(metrics.url)
    t.equal(response.status, 200)
    const text = await response.text()
    const samples = parseExposition(text)
    t.equal(sampleValue(samples, 'm365mcp_grants_created_total'), 1)
    t.equal(sampleValue(samples, 'm365mcp_tokens_issued_total', { grant_type: 'authorization_code' }), 1)
    t.equal(sampleValue(samples, 'm365mcp_tokens_issued_total', { grant_type: 'refresh_token' }), 2)
    t.equal(sampleValue(samples, 'm365mcp_refresh_token_reuse_detected_total'), 1)
    t.equal(sampleValue(samples, 'm365mcp_grants_revoked_total', { reason: 'refresh_token_reused' }), 1)
    t.equal(sampleValue(samples, 'm365mcp_token_exchanges_total', { outcome: 'ok' }), 1)
    t.equal(sampleValue(samples, 'm365mcp_token_exchanges_total', { outcome: 'invalid_token' }), 1)
    t.equal(
      sampleValue(samples, 'm365mcp_http_requests_total', {
        service: 'auth',
        method: 'POST',
        route: '/token',
        status: '200',
      }),
      3,
    )
    t.equal(
      sampleValue(samples, 'm365mcp_http_requests_total', {
        route: '/internal/token-exchange',
        status: '200',
      }),
      1,
    )

    const user = demoUser(auth)
    for (const secret of [
      first.access_token,
      first.refresh_token,
      successor,
      first.code,
      client.client_id,
      String(exchanged.body.sub),
      String(exchanged.body.grant_id),
      user.id,
      user.userPrincipalName,
    ])
      t.notOk(text.includes(secret), 'no token, code, client id or user in the scrape')
  },
)
