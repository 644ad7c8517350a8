import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import t from 'tap'
import { freePort } from '../src/free-port.js'
import { getTestRedis, resolveTestRedis } from '../src/get-test-redis.js'
import { startRedisServer } from '../src/redis-server-process.js'

async function answersPing(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  client.on('error', () => {})
  try {
    await client.connect()
    return (await client.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    client.disconnect()
  }
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return check()
}

t.test('resolveTestRedis: REDIS_URL is used as given, nothing is started', async (t) => {
  const server = await startRedisServer()
  t.teardown(() => server.stop())
  const url = `${server.url}/2`
  // PATH is empty: had REDIS_URL been ignored, no redis-server could be found.
  const redis = await resolveTestRedis({ env: { REDIS_URL: url, PATH: '' }, docker: false })
  t.equal(redis.source, 'env')
  t.equal(redis.url, url)
  await redis.stop()
  t.ok(await answersPing(url), 'stop() leaves a REDIS_URL server alone')
})

t.test('resolveTestRedis: a REDIS_URL that does not answer fails with a clear message', async (t) => {
  const url = `redis://127.0.0.1:${await freePort()}`
  await t.rejects(resolveTestRedis({ env: { REDIS_URL: url }, docker: false, readyTimeoutMs: 300 }), {
    message: `REDIS_URL is set to ${url} but no Redis answers there`,
  })
})

t.test('resolveTestRedis: without REDIS_URL, starts redis-server from PATH on a free port', async (t) => {
  const redis = await resolveTestRedis({ env: { PATH: process.env['PATH'] }, docker: false })
  t.equal(redis.source, 'redis-server')
  t.match(redis.url, /^redis:\/\/127\.0\.0\.1:\d+$/)
  t.not(redis.url, 'redis://127.0.0.1:6379')
  t.ok(await answersPing(redis.url), 'the started server answers PING')
  await redis.stop()
  t.notOk(await answersPing(redis.url), 'stop() shuts it down')
})

t.test('resolveTestRedis: with no Redis anywhere, says how to provide one', async (t) => {
  await t.rejects(resolveTestRedis({ env: { PATH: '' }, docker: false }), {
    message:
      'No Redis for the tests: set REDIS_URL, install redis-server (apt-get install redis-server), or run a Docker engine.',
  })
})

// No Docker engine runs on these machines: the container fallback is exercised with a stand-in
// engine whose "container" is a real redis-server, so the lookup order is what is tested here.
t.test(
  'resolveTestRedis: with no REDIS_URL and no redis-server, a container engine is the last resort',
  async (t) => {
    const asked: string[] = []
    const containers = {
      available: async () => (asked.push('available'), true),
      start: async () => {
        asked.push('start')
        return { ...(await startRedisServer()), source: 'docker' as const }
      },
    }
    const redis = await resolveTestRedis({ env: { PATH: '' }, containers })
    t.teardown(() => redis.stop())
    t.equal(redis.source, 'docker')
    t.same(asked, ['available', 'start'])
    t.ok(await answersPing(redis.url))
  },
)

t.test('resolveTestRedis: the container engine is not asked when redis-server is on PATH', async (t) => {
  let asked = false
  const containers = {
    available: async () => ((asked = true), true),
    start: () => Promise.reject(new Error('must not start a container')),
  }
  const redis = await resolveTestRedis({ env: { PATH: process.env['PATH'] }, containers })
  t.teardown(() => redis.stop())
  t.equal(redis.source, 'redis-server')
  t.notOk(asked)
})

t.test('resolveTestRedis: an engine that does not answer ends in the clear message', async (t) => {
  const containers = {
    available: async () => false,
    start: () => Promise.reject(new Error('must not start a container')),
  }
  await t.rejects(resolveTestRedis({ env: { PATH: '' }, containers }), {
    message:
      'No Redis for the tests: set REDIS_URL, install redis-server (apt-get install redis-server), or run a Docker engine.',
  })
})

t.test('startRedisServer: a missing redis-server says how to install it', async (t) => {
  await t.rejects(startRedisServer('no-such-redis-server-binary'), {
    message: /redis-server is not installed.*apt-get install redis-server/,
  })
  await t.rejects(startRedisServer('/nonexistent/redis-server'), {
    message: /apt-get install redis-server.*\/nonexistent\/redis-server is not an executable file/,
  })
})

t.test(
  'startRedisServer: the server and its directory go with the process that started it, even on SIGKILL',
  async (t) => {
    const fixture = fileURLToPath(new URL('./fixtures/start-and-die.ts', import.meta.url))
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, s) => resolve(s)),
    )
    t.equal(signal, 'SIGKILL')
    const [url = '', dir = ''] = output.trim().split('\n')
    t.match(url, /^redis:\/\/127\.0\.0\.1:\d+$/)
    t.match(dir, /m365mcp-redis-/, 'the working directory was reported')
    t.ok(await eventually(async () => !(await answersPing(url)), 10_000), 'the orphaned server went away')
    t.ok(await eventually(async () => !existsSync(dir), 10_000), 'and its working directory with it')
  },
)

t.test('getTestRedis: one Redis per process, memoized', async (t) => {
  const [a, b] = await Promise.all([getTestRedis(), getTestRedis()])
  t.equal(a, b)
  t.equal(await getTestRedis(), a)
  t.ok(await answersPing(a.url))
})
