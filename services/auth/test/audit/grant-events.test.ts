// Grant events travel the production path: recorded by the routes, enqueued with BullMQ, written
// by the audit worker to the Redis stream sink (docs/audit.md).
import { setTimeout as sleep } from 'node:timers/promises'
import { createAuditLog, startAudit, type AuditEvent } from '@m365mcp/audit'
import { createBrowser } from '@m365mcp/testing'
import { withTestRedis } from '@m365mcp/testing'
import pino from 'pino'
import t from 'tap'
import { signInForTokens } from '../support/attack-kit.js'
import { startAuthWith } from '../support/auth-harness.js'
import { authorizeUrl, consentFields, registerPublicClient, token } from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33419/callback'

t.test(
  'audit: a sign-in, a refresh and a revocation are recorded as grant events, without tokens (issue 7)',
  async (t) => {
    const { url, prefix, redis } = await withTestRedis(t)
    const audit = startAudit({
      config: {
        AUDIT_ENABLED: true,
        AUDIT_SINK: 'redis-stream',
        AUDIT_STREAM_RETENTION: 86_400_000,
        AUDIT_WORKER_ENABLED: true,
      },
      service: 'auth',
      redisUrl: url,
      redisPrefix: prefix,
      logger: pino({ level: 'silent' }),
    })
    audit.startWorker()
    t.teardown(() => audit.close())
    const auth = await startAuthWith((fn) => t.teardown(fn), { audit: audit.log })

    const client = await registerPublicClient(auth.publicUrl, REDIRECT)
    const first = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
    t.equal(first.status, 200)
    const refreshed = await token(auth.publicUrl, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      client_id: client.client_id,
    })
    t.equal(refreshed.status, 200)
    const successor = String(refreshed.body.refresh_token)
    const revoked = await fetch(`${auth.publicUrl}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: successor, client_id: client.client_id }),
    })
    t.equal(revoked.status, 200)

    const key = `${prefix}audit:events`
    for (let i = 0; i < 100 && (await redis.xlen(key)) < 3; i++) await sleep(50)
    const entries = await redis.xrange(key, '-', '+')
    const events = entries.map(
      ([, fields]) => JSON.parse(fields[fields.indexOf('event') + 1] ?? '{}') as Record<string, unknown>,
    )
    t.same(
      events.map((e) => e['kind']),
      ['grant_created', 'grant_refreshed', 'grant_revoked'],
    )
    const grantId = events[0]?.['grantId']
    t.match(grantId, /^grt_/)
    for (const event of events) {
      t.match(event, {
        service: 'auth',
        clientId: client.client_id,
        grantId,
        outcome: 'ok',
        subject: /^usr_/,
      })
      t.type(event['tenantId'], 'string')
    }
    t.equal(events[2]?.['reason'], 'client_revoked')
    const raw = JSON.stringify(entries)
    for (const secret of [
      first.access_token,
      first.refresh_token,
      successor,
      String(refreshed.body.access_token),
    ])
      t.notOk(raw.includes(secret), 'no token in the audit stream')
    t.notOk(raw.includes('@'), 'no email or UPN in the audit stream')
  },
)

t.test(
  'audit: refresh token reuse, a denied consent and a replayed code are recorded (issue 7)',
  async (t) => {
    const written: AuditEvent[] = []
    const audit = createAuditLog({
      connection: null,
      queueName: 'audit',
      service: 'auth',
      logger: pino({ level: 'silent' }),
      sink: { name: 'memory', write: async (event) => void written.push(event) },
    })
    const auth = await startAuthWith((fn) => t.teardown(fn), { audit })
    const client = await registerPublicClient(auth.publicUrl, REDIRECT)

    const first = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
    const refresh = (refreshToken: string) =>
      token(auth.publicUrl, {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: client.client_id,
      })
    const second = await refresh(first.refresh_token)
    t.equal((await refresh(String(second.body.refresh_token))).status, 200)
    t.equal((await refresh(first.refresh_token)).status, 400, 'the first token again: reuse')

    const browser = createBrowser()
    const { url } = authorizeUrl(auth.publicUrl, { clientId: client.client_id, redirectUri: REDIRECT })
    const { csrf, requestId } = consentFields(await (await browser.get(url)).text())
    const denied = await browser.post(
      `${auth.publicUrl}/consent`,
      { csrf_token: csrf, request_id: requestId, decision: 'deny' },
      { origin: auth.publicUrl },
    )
    t.equal(denied.status, 303)

    // RFC 6749 §4.1.2: a replayed authorization code revokes the grant it issued.
    const other = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
    const replayed = await token(auth.publicUrl, {
      grant_type: 'authorization_code',
      code: other.code,
      redirect_uri: REDIRECT,
      code_verifier: other.verifier,
      client_id: client.client_id,
    })
    t.equal(replayed.status, 400)
    await audit.close()

    t.same(
      written.map((e) => [e.kind, e.outcome, e.reason]),
      [
        ['grant_created', 'ok', undefined],
        ['grant_refreshed', 'ok', undefined],
        ['grant_refreshed', 'ok', undefined],
        ['refresh_token_reuse', 'denied', undefined],
        ['grant_revoked', 'ok', 'refresh_token_reused'],
        ['consent_denied', 'denied', 'user_denied'],
        ['grant_created', 'ok', undefined],
        ['grant_revoked', 'ok', 'code_reused'],
      ],
    )
    t.match(written[5], { clientId: client.client_id })
    t.notOk(written[5] && 'subject' in written[5], 'nobody signed in before the consent was denied')
  },
)
