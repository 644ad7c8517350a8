// TOOLS_UPSTREAM_DNS: every address a name resolves to is a replica (a headless Kubernetes
// service), resolved again periodically; replicas that stay keep their health, new ones are
// checked at once, vanished ones leave the pool, and a failed lookup keeps the last good set.
import { lookup } from 'node:dns/promises'
import pino from 'pino'
import t from 'tap'
import { Agent } from 'undici'
import { createReplicaPool } from '../../src/index.js'
import { resolveReplicaUrls, watchDnsReplicas } from '../../src/proxy/dns-replicas.js'
import { startEchoUpstream } from '../support/echo-upstream.js'
import { startGateway } from '../support/gateway.js'
import { startTokenMinter } from '../support/token-minter.js'

const PUBLIC_URL = 'http://localhost:8788'

t.test('dns: TOOLS_UPSTREAM_DNS=localhost:<port> makes each A/AAAA record a replica', async (t) => {
  const teardown = (fn: () => Promise<void> | void) => t.teardown(fn)
  // Dual-stack listener, so both 127.0.0.1 and ::1 (when the host has it) reach the same upstream.
  const tools = await startEchoUpstream(teardown, 'dns', { host: '::' })
  const port = new URL(tools.url).port
  const minter = await startTokenMinter(teardown, PUBLIC_URL)
  const gw = await startGateway(teardown, {
    PUBLIC_URL,
    TOOLS_UPSTREAM_DNS: `localhost:${port}`,
    AUTH_UPSTREAM: 'http://127.0.0.1:1',
    AUTH_JWKS_URL: minter.jwksUrl,
  })
  const records = await lookup('localhost', { all: true, verbatim: true })
  t.same(
    gw.services.pool
      .list()
      .map((r) => r.url)
      .sort(),
    records
      .map((r) => (r.family === 6 ? `http://[${r.address}]:${port}` : `http://${r.address}:${port}`))
      .sort(),
  )
  const token = await minter.mint({ resource: `${PUBLIC_URL}/mcp` })
  const res = await fetch(`${gw.url}/mcp`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{"jsonrpc":"2.0","id":1,"method":"ping"}',
  })
  t.equal(res.status, 200)
  t.match(await res.json(), { result: { upstream: 'dns' } })
})

t.test('dns: re-resolution keeps the state of replicas that stay, drops vanished ones', async (t) => {
  const dispatcher = new Agent()
  t.teardown(() => dispatcher.close())
  const a = await startEchoUpstream((fn) => t.teardown(fn), 'a')
  const pool = createReplicaPool({
    dispatcher,
    intervalMs: 60_000,
    timeoutMs: 500,
    logger: pino({ level: 'silent' }),
  })
  const port = Number(new URL(a.url).port)
  let answer: { address: string; family: number }[] | Error = [{ address: '127.0.0.1', family: 4 }]
  const fakeDns = (host: string) => {
    t.equal(host, 'tools.internal')
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)
  }
  t.same(await resolveReplicaUrls(`tools.internal:${port}`, fakeDns), [`http://127.0.0.1:${port}`])

  const watcher = watchDnsReplicas({
    hostPort: `tools.internal:${port}`,
    pool,
    refreshMs: 60_000,
    logger: pino({ level: 'silent' }),
    lookup: fakeDns,
  })
  await watcher.start()
  t.teardown(() => watcher.stop())
  const first = pool.list()[0]
  t.equal(first?.url, `http://127.0.0.1:${port}`)
  pool.markDown(first?.url ?? '', 'test')

  answer = [
    { address: '127.0.0.1', family: 4 },
    { address: '::1', family: 6 },
  ]
  watcher.stop()
  await watcher.start()
  t.equal(pool.list().length, 2)
  t.equal(pool.list()[0], first, 'the staying replica is the same entry')
  t.equal(pool.list()[0]?.healthy, false, 'and keeps its state until a check says otherwise')
  t.equal(pool.list()[1]?.url, `http://[::1]:${port}`)

  answer = new Error('SERVFAIL')
  watcher.stop()
  await watcher.start()
  t.equal(pool.list().length, 2, 'a failed lookup keeps the last good set')

  answer = [{ address: '::1', family: 6 }]
  watcher.stop()
  await watcher.start()
  t.same(
    pool.list().map((r) => r.url),
    [`http://[::1]:${port}`],
  )
})
