// grant-revoked messages on real Redis pub/sub invalidate the grant; malformed ones are ignored.
import t from 'tap'
import { createRedisStore } from '@m365mcp/store'
import { startRedisProcess, withTestRedis } from '@m365mcp/testing'
import { subscribeGrantRevocations } from '../../src/graph/grant-revocations.js'
import { captureLogger } from './support/capture-logger.js'

t.test(
  'subscribeGrantRevocations: each well-formed message invalidates its grant, others are logged',
  async (t) => {
    const { redis, prefix } = await withTestRedis(t)
    const store = createRedisStore({ redis, prefix })
    t.teardown(() => store.close())
    const channel = 'auth:events:grant-revoked'
    const invalidated: string[] = []
    let done: () => void = () => undefined
    const finished = new Promise<void>((resolve) => (done = resolve))
    const captured = captureLogger()
    const unsubscribe = await subscribeGrantRevocations({
      store,
      channel,
      invalidate: (grantId) => {
        invalidated.push(grantId)
        if (grantId === 'last') done()
      },
      invalidateAll: () => t.fail('no gap while connected'),
      logger: captured.logger,
    })
    t.teardown(unsubscribe)
    for (const message of [
      JSON.stringify({ grantId: 'g1', sub: 's', clientId: 'c' }),
      'not json',
      JSON.stringify({ grantId: '' }),
      JSON.stringify({ sub: 's' }),
      JSON.stringify({ grantId: 'last' }),
    ]) {
      await store.publish(channel, message)
    }
    await finished
    t.same(invalidated, ['g1', 'last'])
    t.equal(captured.lines().filter((l) => l.msg === 'ignored a malformed grant-revoked message').length, 3)
  },
)

t.test(
  'subscribeGrantRevocations: a Redis restart drops every cached token (messages may have been missed)',
  async (t) => {
    const first = await startRedisProcess()
    let redis = first
    t.teardown(() => redis.stop())
    const store = createRedisStore({ redis: first.url, onError: () => undefined })
    t.teardown(() => store.close())
    let dropped = 0
    const captured = captureLogger()
    const unsubscribe = await subscribeGrantRevocations({
      store,
      channel: 'auth:events:grant-revoked',
      invalidate: () => undefined,
      invalidateAll: () => dropped++,
      logger: captured.logger,
    })
    t.teardown(unsubscribe)
    await first.kill()
    redis = await startRedisProcess({ port: first.port })
    const deadline = Date.now() + 10_000
    while (dropped === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    t.equal(dropped, 1, 'the whole cache was dropped once')
    t.ok(
      captured.lines().some((l) => l.msg === 'revocation channel interrupted: cached Graph tokens dropped'),
      'and the operator is told',
    )
  },
)
