import t from 'tap'
import Fastify from 'fastify'
import { seeOther } from '../../src/consent/see-other.js'

t.test('B18: the helper answers 303 (never 307) with no-store and no-referrer', async (t) => {
  const app = Fastify()
  t.teardown(() => app.close())
  app.post('/consent', async (_req, reply) => seeOther(reply, 'https://login.example/authorize?x=1'))
  app.post('/local', async (_req, reply) => seeOther(reply, '/continue?id=1'))
  const res = await app.inject({ method: 'POST', url: '/consent', payload: { a: 1 } })
  t.equal(res.statusCode, 303)
  t.equal(res.headers.location, 'https://login.example/authorize?x=1')
  t.equal(res.headers['cache-control'], 'no-store')
  t.equal(res.headers['referrer-policy'], 'no-referrer')
  t.equal(res.body, '')
  const local = await app.inject({ method: 'POST', url: '/local' })
  t.equal(local.statusCode, 303)
  t.equal(local.headers.location, '/continue?id=1')
})

t.test('B18: scriptable or host-relative locations are refused', async (t) => {
  const reply = { code: () => reply, header: () => reply, send: () => reply }
  for (const location of [
    'javascript:alert(1)',
    'data:text/html,x',
    '//evil.example/x',
    '/\\evil.example',
    'relative',
  ]) {
    t.throws(() => seeOther(reply, location), TypeError, location)
  }
  t.doesNotThrow(() => seeOther(reply, 'cursor://anysphere.cursor-mcp/oauth/callback?code=x'))
})
