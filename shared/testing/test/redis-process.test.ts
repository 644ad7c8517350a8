import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import t from 'tap'
import { startRedisProcess } from '../src/redis-process.js'

async function withClient<T>(url: string, use: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  client.on('error', () => {})
  try {
    await client.connect()
    return await use(client)
  } finally {
    client.disconnect()
  }
}

t.test(
  'startRedisProcess: a SIGKILLed AOF server restarted on its port and dir keeps every write',
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'redis-process-test-'))
    t.teardown(() => rmSync(dir, { recursive: true, force: true }))
    const first = await startRedisProcess({ appendOnly: true, dir })
    t.teardown(() => first.stop())
    await withClient(first.url, (c) => c.set('survivor', 'yes'))
    await first.kill()
    t.notOk(await withClient(first.url, (c) => c.ping()).catch(() => false), 'nothing answers after kill()')
    const second = await startRedisProcess({ appendOnly: true, dir, port: first.port })
    t.teardown(() => second.stop())
    t.equal(second.url, first.url, 'same URL')
    t.equal(await withClient(second.url, (c) => c.get('survivor')), 'yes', 'the write came back from the AOF')
  },
)

t.test('startRedisProcess: without a dir it makes a temporary one and removes it on stop', async (t) => {
  const server = await startRedisProcess()
  t.ok(existsSync(server.dir))
  t.equal(await withClient(server.url, (c) => c.ping()), 'PONG')
  await server.stop()
  t.notOk(existsSync(server.dir), 'the temporary dir is gone')
  await server.stop()
  t.pass('stop() is idempotent')
})

t.test('startRedisProcess: a missing redis-server says how to install it', async (t) => {
  await t.rejects(startRedisProcess({ binary: 'no-such-redis-server-binary' }), {
    message: /redis-server is not installed.*apt-get install redis-server/,
  })
})
