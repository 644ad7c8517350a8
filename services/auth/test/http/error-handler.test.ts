import { StoreUnavailableError } from '@m365mcp/store'
import Fastify from 'fastify'
import t from 'tap'
import { errorHandler, toPublicError } from '../../src/http/error-handler.js'
import { sendErrorPage } from '../../src/http/html-reply.js'

const outage = () => new StoreUnavailableError('Redis is unavailable: connect ECONNREFUSED 127.0.0.1:6379')

t.test(
  'errors: an unreachable store is 503 temporarily_unavailable with Retry-After, not 500 (RFC 9110 §15.6.4)',
  async (t) => {
    const known = toPublicError(outage())
    t.equal(known?.status, 503)
    t.equal(known?.body.error, 'temporarily_unavailable')
    t.equal(known?.headers?.['retry-after'], '5')
    t.notMatch(JSON.stringify(known?.body), /ECONNREFUSED|6379/, 'the cause is not sent')
  },
)

t.test('errors: other internal errors stay a generic 500 server_error (STYLE §3)', async (t) => {
  const app = Fastify()
  app.setErrorHandler(errorHandler)
  app.get('/boom', async () => {
    throw new Error('secret detail')
  })
  app.get('/outage', async () => {
    throw outage()
  })
  const boom = await app.inject('/boom')
  t.equal(boom.statusCode, 500)
  t.same(boom.json(), {
    error: 'server_error',
    error_description: 'The server could not complete the request.',
  })
  const down = await app.inject('/outage')
  t.equal(down.statusCode, 503)
  t.equal(down.headers['retry-after'], '5')
  await app.close()
})

t.test('errors: a browser page during a store outage is a 503 "unavailable for a moment" page', async (t) => {
  const app = Fastify()
  app.get('/page', (request, reply) => sendErrorPage(request, reply, outage()))
  const page = await app.inject('/page')
  t.equal(page.statusCode, 503)
  t.match(page.body, /Sign-in is unavailable for a moment/)
  t.notMatch(page.body, /ECONNREFUSED/)
  await app.close()
})
