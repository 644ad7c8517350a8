// Failure tests against the stack as processes (issue 7): Redis of its own that the test kills and
// restarts on the same port. With AOF every grant issued before a crash survives and refreshes;
// an auth replica killed in the middle of a sign-in leaves no half-made grant and the user can
// start again; Redis restarted empty turns every session into a clean 401 (the client signs in
// again), never a burst of 5xx. Requests made while Redis is down must end in a protocol error,
// never hang, and no service process may exit.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { createBrowser, createTestRedisClient, startRedisProcess, type RedisProcess } from '@m365mcp/testing'
import { approveInBrowser } from './support/approve-in-browser.js'
import { DEMO_USER, startFullStack, type FullStack } from './support/full-stack.js'
import { callTool, refreshGrant, succeeded, type McpReply } from './support/raw-mcp.js'
import { GRANT_REDIRECT, signIn, startAuthorization, type Grant } from './support/sign-in.js'
import { waitUntil } from './support/wait-until.js'

const USERS = [DEMO_USER, 'marcus.chen@contoso.example', 'zoe.fischer@contoso.example']

let stack: FullStack
let redis: RedisProcess
const aofDir = mkdtempSync(join(tmpdir(), 'e2e-failures-aof-'))
// Also when the run fails before the teardown (the Redis itself goes with its watchdog).
process.once('exit', () => rmSync(aofDir, { recursive: true, force: true, maxRetries: 10 }))
const grants = new Map<string, Grant>()

t.before(async () => {
  redis = await startRedisProcess({ appendOnly: true, dir: aofDir })
  t.teardown(async () => {
    await stack?.stop()
    await redis.stop()
    // redis-server's AOF rewrite child can still be writing its temporary file for a moment after
    // the server exited (ENOTEMPTY): retry, and leave a stubborn remainder to the exit handler.
    try {
      rmSync(aofDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })
    } catch (err) {
      process.stderr.write(`failures teardown: ${aofDir} not removed yet: ${String(err)}\n`)
    }
  })
  stack = await startFullStack((fn) => t.teardown(fn), 'failures', {
    redisUrl: redis.url,
    emulatorAdmin: true,
  })
})

const signInAs = async (username: string) => {
  const grant = await signIn({ publicUrl: stack.publicUrl, username, resource: stack.mcpUrl })
  stack.remember(grant.accessToken, grant.refreshToken, grant.code)
  return grant
}
const describe = (r: McpReply) =>
  r.timedOut
    ? 'hang'
    : `${r.status}${typeof r.message?.error?.code === 'number' ? ` rpc ${r.message.error.code}` : ''}`

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const exitedProcesses = () => stack.processes.filter((p) => p.exited() !== null).map((p) => p.name)

/** A clean protocol error: an HTTP status a client acts on, with a JSON-RPC error or OAuth body. */
function cleanMcpFailure(reply: McpReply): boolean {
  if (reply.timedOut || reply.status === 500) return false
  // A JSON-RPC error answer (e.g. -32603 "The connection to Microsoft 365 is not available right now").
  if (reply.status === 200) return reply.message?.error !== undefined
  if (reply.status === 401) return reply.wwwAuthenticate?.startsWith('Bearer ') === true
  return [429, 502, 503, 504].includes(reply.status) && reply.message?.error !== undefined
}

/** Grants in Redis that have no refresh token: a sign-in that stopped half way (storage-schema.md). */
async function grantsWithoutTokens(): Promise<string[]> {
  const client = createTestRedisClient(redis.url)
  try {
    const grantKeys = await client.keys(`${stack.redisPrefix}auth:grant:*`)
    const ids = grantKeys.map((key) => key.slice(`${stack.redisPrefix}auth:grant:`.length))
    const counts = await Promise.all(
      ids.map((id) => client.scard(`${stack.redisPrefix}auth:grant-rts:${id}`)),
    )
    return ids.filter((_, i) => counts[i] === 0)
  } finally {
    client.disconnect()
  }
}

t.test('failure: grants issued before a Redis restart with AOF survive and refresh (issue 7)', async (t) => {
  for (const user of USERS) grants.set(user, await signInAs(user))
  for (const [user, grant] of grants) {
    t.ok(succeeded(await callTool(stack.mcpUrl, grant.accessToken, 'getUserProfile')), `${user} calls a tool`)
  }
  // A client keeps calling tools and refreshing (an unknown refresh token: Redis must be read to
  // refuse it) while Redis is SIGKILLed and restarted on the same port and AOF directory.
  const tokens = [...grants.values()].map((g) => g.accessToken)
  const clientId = grants.get(DEMO_USER)?.clientId ?? ''
  const calls: McpReply[] = []
  const refreshes: { status: number; error?: string }[] = []
  let running = true
  const load = (async () => {
    for (let i = 0; running; i++) {
      const [call, refresh] = await Promise.all([
        callTool(stack.mcpUrl, tokens[i % tokens.length] ?? '', 'getUserProfile'),
        refreshGrant(stack.publicUrl, { refreshToken: `unknown-${i}`, clientId, resource: stack.mcpUrl }),
      ])
      calls.push(call)
      refreshes.push({ status: refresh.status, ...(refresh.body.error ? { error: refresh.body.error } : {}) })
      await sleep(50)
    }
  })()
  await sleep(300)
  await redis.kill()
  await sleep(1_500)
  redis = await startRedisProcess({ appendOnly: true, dir: aofDir, port: redis.port })
  await waitUntil(
    'tools/call and /token answer normally again',
    async () =>
      calls.slice(-3).every(succeeded) && refreshes.slice(-3).every((r) => r.error === 'invalid_grant'),
    { timeoutMs: 20_000 },
  )
  running = false
  await load
  t.comment(`during the outage: /mcp ${calls.map(describe).join(' ')}`)
  t.comment(`/token ${refreshes.map((r) => `${r.status} ${r.error ?? ''}`).join(', ')}`)
  t.same(
    calls.filter((c) => !succeeded(c) && !cleanMcpFailure(c)).map(describe),
    [],
    'every tools/call succeeded or got a clean protocol error (no hang, no 500)',
  )
  const unavailable = refreshes.filter((r) => r.status === 503 && r.error === 'temporarily_unavailable')
  t.ok(
    unavailable.length > 0,
    `/token answered 503 temporarily_unavailable while Redis was down (${unavailable.length}x)`,
  )
  t.same(
    refreshes.filter((r) => !(r.status === 400 && r.error === 'invalid_grant') && r.status !== 503),
    [],
    'and otherwise refused the unknown token with 400 invalid_grant, never 500',
  )

  for (const [user, grant] of grants) {
    const refreshed = await refreshGrant(stack.publicUrl, {
      refreshToken: grant.refreshToken,
      clientId: grant.clientId,
      resource: stack.mcpUrl,
    })
    t.equal(refreshed.status, 200, `${user}'s refresh token issued before the crash refreshes`)
    const accessToken = refreshed.body.access_token ?? ''
    const refreshToken = refreshed.body.refresh_token ?? ''
    stack.remember(accessToken, refreshToken)
    grants.set(user, { ...grant, accessToken, refreshToken })
    t.ok(
      succeeded(await callTool(stack.mcpUrl, accessToken, 'getUserProfile')),
      `${user} calls a tool with it`,
    )
  }
  t.same(exitedProcesses(), [], 'no service process exited')
})

t.test(
  'failure: an auth replica killed mid-login leaves no half-made grant and the user can retry (issue 7)',
  async (t) => {
    const user = 'hannah.okafor@contoso.example'
    const started = await startAuthorization({ publicUrl: stack.publicUrl, resource: stack.mcpUrl })
    const browser = createBrowser()
    const callback = await approveInBrowser({
      publicUrl: stack.publicUrl,
      authorizationUrl: started.authorizationUrl,
      redirectUri: GRANT_REDIRECT,
      username: user,
      browser,
      stopAtCallback: true,
    })
    t.equal(
      `${callback.origin}${callback.pathname}`,
      `${stack.publicUrl}/callback`,
      'Entra sent the browser back',
    )
    // Graph /me throttled once with Retry-After 4 s: auth-1 (the gateway's auth upstream) has taken
    // the sign-in transaction and redeemed Entra's code, and waits before creating the grant.
    const faults = `${stack.emulatorUrl}/_emulator/faults`
    const added = await fetch(faults, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: 'graph:/me', kind: 'throttle', retryAfter: 4, times: 1 }),
    })
    t.equal(added.status, 201, 'fault added')
    const firstTry = browser.get(callback.href).then(
      async (r) => ({ status: r.status, body: await r.text() }),
      (err: Error) => ({ status: 0, body: err.message }),
    )
    await waitUntil('auth-1 reached Graph /me', async () => {
      const listed = (await (await fetch(faults)).json()) as { faults: unknown[] }
      return listed.faults.length === 0
    })
    const auth1 = stack.processes.find((p) => p.name === 'auth-1')
    await auth1?.kill()
    const answered = await firstTry
    t.equal(answered.status, 502, 'the gateway answered the interrupted callback 502')
    t.match(JSON.parse(answered.body), { error: 'temporarily_unavailable' }, 'in OAuth vocabulary')
    t.same(await grantsWithoutTokens(), [], 'no grant without tokens is left in Redis')

    await stack.respawn('auth-1')
    const replay = await browser.get(callback.href)
    const page = await replay.text()
    t.equal(replay.status, 400, 'replaying the interrupted callback is refused')
    t.match(page, /expired or was already completed/, 'with the invalid_request page: start again')

    const retried = await signInAs(user)
    t.ok(
      succeeded(await callTool(stack.mcpUrl, retried.accessToken, 'getUserProfile')),
      'the retried sign-in works',
    )
    t.same(await grantsWithoutTokens(), [], 'and every grant in Redis has its tokens')
    t.same(exitedProcesses(), [], 'every other process kept running')
  },
)

t.test(
  'failure: Redis restarted empty makes clients sign in again, without a 5xx storm (issue 7)',
  async (t) => {
    // Fresh access tokens of the surviving grants: no tools replica has exchanged them yet.
    const held: { user: string; grant: Grant; used: string }[] = []
    for (const [user, grant] of grants) {
      const refreshed = await refreshGrant(stack.publicUrl, {
        refreshToken: grant.refreshToken,
        clientId: grant.clientId,
        resource: stack.mcpUrl,
      })
      const accessToken = refreshed.body.access_token ?? ''
      const refreshToken = refreshed.body.refresh_token ?? ''
      stack.remember(accessToken, refreshToken)
      held.push({ user, grant: { ...grant, accessToken, refreshToken }, used: grant.accessToken })
    }
    await redis.stop()
    redis = await startRedisProcess({ port: redis.port })
    const first = held[0]
    if (first === undefined) throw new Error('no grant from the first test')
    // Services reconnect with backoff; from the first answer that is not a 5xx on, none may be.
    await waitUntil('the stack answers from the empty Redis', async () => {
      const reply = await callTool(stack.mcpUrl, first.grant.accessToken, 'getUserProfile')
      return reply.status > 0 && reply.status < 500
    })
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        callTool(stack.mcpUrl, held[i % held.length]?.grant.accessToken ?? '', 'getUserProfile'),
      ),
    )
    t.comment(`after the restart: ${replies.map(describe).join(' ')}`)
    t.same(
      replies.filter((r) => r.status !== 401).map(describe),
      [],
      'every tools/call with a token of a lost grant is 401 (none 5xx, none hangs)',
    )
    t.ok(
      replies.every((r) => /^Bearer .*resource_metadata="/.test(r.wwwAuthenticate ?? '')),
      'with WWW-Authenticate naming the protected-resource metadata (RFC 9728), so clients sign in again',
    )
    // A token a tools replica exchanged just before the restart was in its Graph token cache; no
    // grant-revoked message comes for a lost Redis, but the revocation channel's reconnect drops
    // that cache (messages may have been missed), so these are refused within a reconnect delay.
    let cachedReplies = await Promise.all(held.map((h) => callTool(stack.mcpUrl, h.used, 'getUserProfile')))
    for (let i = 0; i < 40 && cachedReplies.some((r) => r.status === 200); i++) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      cachedReplies = await Promise.all(held.map((h) => callTool(stack.mcpUrl, h.used, 'getUserProfile')))
    }
    t.same(
      cachedReplies.map(describe),
      held.map(() => '401'),
      'tokens exchanged before the restart are 401 too, once the tools replicas are back on Redis',
    )
    t.notOk(
      cachedReplies.some((r) => r.timedOut || r.status >= 500),
      'and never 5xx',
    )
    // The client registrations (DCR) were in Redis too, so /token refuses the client before the grant:
    // 401 invalid_client (RFC 6749 §5.2), on which MCP clients register again and sign in again.
    for (const { user, grant } of held) {
      const refreshed = await refreshGrant(stack.publicUrl, {
        refreshToken: grant.refreshToken,
        clientId: grant.clientId,
        resource: stack.mcpUrl,
      })
      t.match(refreshed, { status: 401, body: { error: 'invalid_client' } }, `${user}'s refresh is refused`)
    }
    const fresh = await signInAs(DEMO_USER)
    t.ok(
      succeeded(await callTool(stack.mcpUrl, fresh.accessToken, 'getUserProfile')),
      'a fresh sign-in works',
    )
    t.same(exitedProcesses(), [], 'no service process exited')
  },
)

t.test('logs: no service logged a token, code or refresh token (ATTACKS G50)', async (t) => {
  t.same(await stack.leaks(), [])
})
