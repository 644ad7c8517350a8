// The gateway's configuration (STYLE §2): exactly one way to find the tools replicas, SSE idle
// timeouts longer than clients wait, trusted proxies spelled as Fastify understands them, and
// every bad key reported at once.
import { ConfigError, loadConfig } from '@m365mcp/config'
import t from 'tap'
import { configSchema } from '../src/index.js'

const load = (env: Record<string, string>) => loadConfig(configSchema, env)
const issues = (env: Record<string, string>) => {
  try {
    load(env)
    return []
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    return error.issues.map((issue) => issue.key)
  }
}

t.test('config: defaults give the documented ports and a 10-minute SSE idle timeout', async (t) => {
  const config = load({ TOOLS_UPSTREAMS: 'http://127.0.0.1:8793' })
  t.equal(config.PUBLIC_URL, 'http://localhost:8788')
  t.equal(config.GATEWAY_PORT, 8788)
  t.equal(config.AUTH_UPSTREAM, 'http://127.0.0.1:8789')
  t.equal(config.AUTH_JWKS_URL, 'http://127.0.0.1:8789/jwks.json')
  t.same(config.TOOLS_UPSTREAMS, ['http://127.0.0.1:8793'])
  t.equal(config.SSE_IDLE_TIMEOUT, 600_000)
  t.equal(config.TRUST_PROXY, false, 'the gateway is the edge unless told otherwise')
})

t.test('config: exactly one of TOOLS_UPSTREAMS and TOOLS_UPSTREAM_DNS', async (t) => {
  t.same(issues({}), ['TOOLS_UPSTREAMS'], 'neither')
  t.same(
    issues({ TOOLS_UPSTREAMS: 'http://a:1', TOOLS_UPSTREAM_DNS: 'tools:8793' }),
    ['TOOLS_UPSTREAMS'],
    'both',
  )
  t.same(issues({ TOOLS_UPSTREAM_DNS: 'tools:8793' }), [])
  t.same(issues({ TOOLS_UPSTREAM_DNS: 'tools' }), ['TOOLS_UPSTREAM_DNS'], 'a port is required')
  t.same(issues({ TOOLS_UPSTREAMS: 'http://a:1/path' }), ['TOOLS_UPSTREAMS'], 'origins only')
})

t.test('config: SSE_IDLE_TIMEOUT below 5 minutes is refused; every bad key is listed', async (t) => {
  t.same(issues({ TOOLS_UPSTREAMS: 'http://a:1', SSE_IDLE_TIMEOUT: '60s' }), ['SSE_IDLE_TIMEOUT'])
  t.same(
    issues({
      TOOLS_UPSTREAMS: 'http://a:1',
      GATEWAY_PORT: 'x',
      ALLOWED_ORIGINS: 'nope',
      TRUST_PROXY: '10.0.0.0/99',
    }).sort(),
    ['ALLOWED_ORIGINS', 'GATEWAY_PORT', 'TRUST_PROXY'],
  )
})

t.test('config: TRUST_PROXY as a hop count, addresses and CIDRs, or names', async (t) => {
  const trust = (TRUST_PROXY: string) => load({ TOOLS_UPSTREAMS: 'http://a:1', TRUST_PROXY }).TRUST_PROXY
  t.equal(trust('2'), 2)
  t.same(trust('loopback, 10.0.0.0/8, ::1'), ['loopback', '10.0.0.0/8', '::1'])
  t.equal(trust('true'), true)
})

t.test('config: rate limits default on (600 per user, 3000 per client a minute); 0 disables', async (t) => {
  const config = load({ TOOLS_UPSTREAMS: 'http://a:1' })
  t.equal(config.RATE_LIMIT_USER_PER_MINUTE, 600)
  t.equal(config.RATE_LIMIT_CLIENT_PER_MINUTE, 3000)
  t.equal(config.REDIS_PREFIX, 'm365mcp:')
  t.equal(config.REDIS_URL, undefined, 'in memory unless REDIS_URL is set')
  t.equal(
    load({ TOOLS_UPSTREAMS: 'http://a:1', RATE_LIMIT_USER_PER_MINUTE: '0' }).RATE_LIMIT_USER_PER_MINUTE,
    0,
  )
  t.same(
    issues({
      TOOLS_UPSTREAMS: 'http://a:1',
      RATE_LIMIT_USER_PER_MINUTE: '-1',
      RATE_LIMIT_CLIENT_PER_MINUTE: 'many',
      REDIS_URL: 'http://redis:6379',
    }).sort(),
    ['RATE_LIMIT_CLIENT_PER_MINUTE', 'RATE_LIMIT_USER_PER_MINUTE', 'REDIS_URL'],
  )
})

t.test('config: stream cap and slow-client timeouts (ATTACKS F49)', async (t) => {
  const config = load({ TOOLS_UPSTREAMS: 'http://127.0.0.1:8793' })
  t.equal(config.SSE_MAX_STREAMS_PER_USER, 20)
  t.equal(config.HTTP_HEADERS_TIMEOUT, 30_000)
  t.equal(config.HTTP_REQUEST_TIMEOUT, 60_000)
  t.equal(load({ TOOLS_UPSTREAMS: 'http://a:1', SSE_MAX_STREAMS_PER_USER: '0' }).SSE_MAX_STREAMS_PER_USER, 0)
  t.same(issues({ TOOLS_UPSTREAMS: 'http://a:1', SSE_MAX_STREAMS_PER_USER: '-1' }), [
    'SSE_MAX_STREAMS_PER_USER',
  ])
  t.same(
    issues({ TOOLS_UPSTREAMS: 'http://a:1', HTTP_HEADERS_TIMEOUT: '2m', HTTP_REQUEST_TIMEOUT: '1m' }),
    ['HTTP_HEADERS_TIMEOUT'],
    'Node refuses a headers timeout longer than the request timeout',
  )
})
