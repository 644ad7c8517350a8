// The logger as a Fastify `loggerInstance`, exercised over Fastify's real request pipeline.
import t from 'tap'
import Fastify from 'fastify'
import { createLogger } from '../src/index.js'
import { memoryDestination } from './memory-destination.js'

t.test(
  'serializers: Fastify request logs keep method and path but not codes, state or headers',
  async (t) => {
    const out = memoryDestination()
    const app = Fastify({ loggerInstance: createLogger({ service: 'auth', destination: out }) })
    app.get('/callback', async (request, reply) => {
      request.log.info({ grant: { refresh_token: 'rt-in-handler-123' } }, 'exchanging code')
      return reply.header('set-cookie', '__Host-sid=cookie-value-456; Secure').send({ ok: true })
    })
    t.teardown(() => app.close())

    const response = await app.inject({
      method: 'GET',
      url: '/callback?code=AuthC0de-789&state=St4te-012&client_id=visible-client',
      headers: { authorization: 'Bearer bearer-token-345', cookie: '__Host-tx=tx-cookie-678' },
    })
    t.equal(response.statusCode, 200)

    const text = out.text()
    for (const secret of [
      'AuthC0de-789',
      'St4te-012',
      'bearer-token-345',
      'tx-cookie-678',
      'rt-in-handler-123',
      'cookie-value-456',
    ]) {
      t.notMatch(text, secret, secret)
    }
    const incoming = out.entries().find((entry) => entry.msg === 'incoming request')
    t.match(incoming, {
      service: 'auth',
      req: { method: 'GET', url: '/callback?code=[redacted]&state=[redacted]&client_id=visible-client' },
    })
    t.ok(incoming?.reqId, 'Fastify still binds the request id')
    t.match(
      out.entries().find((entry) => entry.msg === 'request completed'),
      { res: { statusCode: 200 } },
    )
  },
)

t.test('serializers: Fastify error logs keep the error code', async (t) => {
  const out = memoryDestination()
  const app = Fastify({ loggerInstance: createLogger({ service: 'gateway', destination: out }) })
  app.get('/fail', async () => {
    throw Object.assign(new Error('upstream refused'), { code: 'ECONNREFUSED' })
  })
  t.teardown(() => app.close())
  const response = await app.inject({ method: 'GET', url: '/fail?token=tok-901' })
  t.equal(response.statusCode, 500)
  const logged = out.entries().find((entry) => entry.err !== undefined)
  t.match(logged, { level: 'error', err: { code: 'ECONNREFUSED', message: 'upstream refused' } })
  t.notMatch(out.text(), 'tok-901')
})
