// ATTACKS D35: failed grants at /token and failed client authentications at /revoke are limited
// per client_id and per source address (IPv6 by /64), counted in fixed windows in Redis. The
// service runs with tiny limits and a 2 s window; the source is set by X-Forwarded-For, which the
// service trusts from loopback (TRUST_PROXY default), as it would from the gateway.
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseExposition, sampleValue } from '@m365mcp/metrics'
import t from 'tap'
import { demoUser, redisKeys, signInForTokens, stillAnswering, type Asserts } from '../support/attack-kit.js'
import { startAuth, type AuthHarness } from '../support/auth-harness.js'
import { registerPublicClient, signInThroughConsent, token } from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'
const PER_CLIENT = 3
const PER_IP = 6
const WINDOW_MS = 2_000

let auth: AuthHarness

t.before(async () => {
  auth = await startAuth((fn) => t.teardown(fn), {
    TOKEN_FAILURE_LIMIT_PER_CLIENT: String(PER_CLIENT),
    TOKEN_FAILURE_LIMIT_PER_IP: String(PER_IP),
    TOKEN_FAILURE_WINDOW: `${WINDOW_MS}ms`,
  })
})

const from = (ip: string) => ({ 'x-forwarded-for': ip })

/** Waits for the start of a fresh window, so the steps of a test fall in one window. */
async function windowStart(): Promise<void> {
  const into = Date.now() % WINDOW_MS
  if (into > 150) await sleep(WINDOW_MS - into + 20)
}

/** Waits until the current window has ended. */
const nextWindow = () => sleep(WINDOW_MS - (Date.now() % WINDOW_MS) + 20)

async function codeFor(clientId: string) {
  return signInThroughConsent(auth.publicUrl, {
    clientId,
    redirectUri: REDIRECT,
    username: demoUser(auth).userPrincipalName,
  })
}

const redeem = (clientId: string, signed: { code: string; verifier: string }, ip: string) =>
  token(
    auth.publicUrl,
    {
      grant_type: 'authorization_code',
      code: signed.code,
      redirect_uri: REDIRECT,
      code_verifier: signed.verifier,
      client_id: clientId,
    },
    from(ip),
  )

const refresh = (clientId: string, refreshToken: string, ip: string) =>
  token(
    auth.publicUrl,
    { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId },
    from(ip),
  )

const bogusRefreshToken = () => randomUUID().replace(/-/g, '').repeat(2)

async function revoke(form: Record<string, string>, ip: string) {
  const response = await fetch(`${auth.publicUrl}/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...from(ip) },
    body: new URLSearchParams(form).toString(),
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
  }
}

async function limitedCount(endpoint: 'token' | 'revoke', scope: 'client' | 'source'): Promise<number> {
  const samples = parseExposition(await auth.services.metrics.registry.metrics())
  return sampleValue(samples, 'm365mcp_failed_grant_limited_total', { endpoint, scope })
}

function assertLimited(
  t: Asserts,
  result: { status: number; headers: Headers; body: Record<string, unknown> },
  label: string,
) {
  t.equal(result.status, 429, `${label}: 429`)
  t.equal(
    result.body.error,
    'temporarily_unavailable',
    `${label}: an error code that keeps the client's tokens`,
  )
  t.type(result.body.error_description, 'string', `${label}: described`)
  t.notOk(result.body.access_token, `${label}: nothing issued`)
  t.equal(result.headers.get('cache-control'), 'no-store', `${label}: no-store`)
  const retryAfter = Number(result.headers.get('retry-after'))
  t.ok(
    Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= WINDOW_MS / 1000,
    `${label}: Retry-After ${retryAfter} s is the rest of the window`,
  )
}

t.test(
  'D35: failures over the per-client limit give 429 with Retry-After and no-store, for every grant of that client until the window ends',
  async (t) => {
    const victim = await registerPublicClient(auth.publicUrl, REDIRECT)
    const bystander = await registerPublicClient(auth.publicUrl, REDIRECT)
    const victimCode = await codeFor(victim.client_id)
    const bystanderCodes = [await codeFor(bystander.client_id), await codeFor(bystander.client_id)]
    const before = await limitedCount('token', 'client')

    await windowStart()
    for (let i = 0; i < PER_CLIENT; i += 1) {
      const failed = await refresh(victim.client_id, bogusRefreshToken(), '203.0.113.10')
      t.equal(failed.status, 400, `failure ${i + 1} is answered normally`)
      t.equal(failed.body.error, 'invalid_grant')
    }
    assertLimited(t, await refresh(victim.client_id, bogusRefreshToken(), '203.0.113.10'), 'next guess')
    // The valid code of the limited client, from another address, is refused as well: exempting a
    // valid grant would take the very check the limit withholds, and a correct guess would pass.
    assertLimited(t, await redeem(victim.client_id, victimCode, '203.0.113.20'), 'valid grant of that client')
    t.equal(await limitedCount('token', 'client'), before + 2, 'each refusal is counted by scope')

    const elsewhere = await redeem(bystander.client_id, bystanderCodes[0]!, '203.0.113.30')
    t.equal(elsewhere.status, 200, 'another client from another address still works')
    const sameSource = await redeem(bystander.client_id, bystanderCodes[1]!, '203.0.113.10')
    t.equal(
      sameSource.status,
      200,
      "another client from the failing address works below that address's limit",
    )

    const keys = await redisKeys((fn) => t.teardown(fn), auth)
    const counters = keys.filter((key) => key.includes(':grant-fail:'))
    t.ok(
      counters.some((key) => key.includes(':grant-fail:client:')),
      'per-client counters in Redis',
    )
    t.ok(
      counters.some((key) => key.includes(':grant-fail:ip:')),
      'per-source counters in Redis',
    )
    t.notOk(
      counters.some((key) => key.includes(victim.client_id) || key.includes('203.0.113.')),
      'client ids and addresses appear only hashed in the keys',
    )

    await nextWindow()
    const after = await redeem(victim.client_id, victimCode, '203.0.113.20')
    t.equal(after.status, 200, 'the window expired; the refused attempt had not consumed the code')
    t.type(after.body.access_token, 'string')
  },
)

t.test(
  'D35: the per-source limit counts failures across many client_ids, at /token and /revoke, by IPv6 /64',
  async (t) => {
    const client = await registerPublicClient(auth.publicUrl, REDIRECT)
    const signed = await codeFor(client.client_id)
    const before = await limitedCount('revoke', 'source')

    await windowStart()
    for (let i = 0; i < PER_IP; i += 1) {
      const ip = `2001:db8:5:6::${i + 1}` // the addresses change, the /64 stays
      const failed =
        i % 2 === 0
          ? await token(
              auth.publicUrl,
              { grant_type: 'refresh_token', refresh_token: 'x', client_id: randomUUID() },
              from(ip),
            )
          : await revoke({ token: 'x', client_id: randomUUID() }, ip)
      t.equal(failed.status, 401, `failure ${i + 1}: unknown client`)
      t.equal(failed.body.error, 'invalid_client')
    }
    assertLimited(
      t,
      await redeem(client.client_id, signed, '2001:db8:5:6:ffff::9'),
      'a valid grant from that /64',
    )
    assertLimited(
      t,
      await revoke({ token: 'x', client_id: randomUUID() }, '2001:db8:5:6::77'),
      '/revoke from that /64',
    )
    t.equal(await limitedCount('revoke', 'source'), before + 1)

    const neighbour = await redeem(client.client_id, signed, '2001:db8:5:7::1')
    t.equal(neighbour.status, 200, 'the neighbouring /64 is another source; the client itself is not limited')
  },
)

t.test('D35: successes do not use up the failure budget', async (t) => {
  const client = await registerPublicClient(auth.publicUrl, REDIRECT)
  const first = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
  t.equal(first.status, 200)
  const ip = '198.51.100.40'
  let refreshToken = first.refresh_token
  for (let i = 0; i < PER_CLIENT + 2; i += 1) {
    const ok = await refresh(client.client_id, refreshToken, ip)
    t.equal(ok.status, 200, `refresh ${i + 1} succeeds`)
    refreshToken = String(ok.body.refresh_token)
  }
  for (let i = 0; i < PER_CLIENT - 1; i += 1) {
    t.equal((await refresh(client.client_id, bogusRefreshToken(), ip)).status, 400, `failure ${i + 1}`)
  }
  const last = await refresh(client.client_id, refreshToken, ip)
  t.equal(last.status, 200, 'below the limit after more successes than the limit: only failures count')
})

t.test('D35: the process stays healthy after the floods', async (t) => {
  await stillAnswering(t, auth)
  const ready = await fetch(`${auth.publicUrl}/readyz`)
  await ready.arrayBuffer()
  t.equal(ready.status, 200, 'ready')
})
