import t from 'tap'
import { startGraph } from './helpers.js'

const h = await startGraph()
t.teardown(() => h.close())
const priya = h.seed.demoUsers[0]
if (!priya) throw new Error('seed has no demo user')
const token = await h.token(priya)

t.test('error bodies have Graph’s exact shape and echo client-request-id', async (t) => {
  const clientRequestId = '6f2c6a7e-1b1e-4a7b-9d0c-2f0b1c1e9a11'
  const res = await h.get('/users/nobody@contoso.example', token, { 'client-request-id': clientRequestId })
  t.equal(res.status, 404)
  t.same(Object.keys(res.json), ['error'])
  t.same(Object.keys(res.json.error), ['code', 'message', 'innerError'])
  t.same(Object.keys(res.json.error.innerError), ['date', 'request-id', 'client-request-id'])
  t.match(res.json.error.innerError.date, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
  t.equal(res.json.error.innerError['client-request-id'], clientRequestId)
  t.equal(res.headers.get('client-request-id'), clientRequestId)
  t.equal(res.headers.get('request-id'), res.json.error.innerError['request-id'])
  t.match(res.headers.get('content-type'), /^application\/json/)
})

t.test('successful responses carry request-id and client-request-id too', async (t) => {
  const res = await h.get('/me', token)
  t.match(res.headers.get('request-id'), /^[0-9a-f-]{36}$/)
  t.equal(res.headers.get('client-request-id'), res.headers.get('request-id'), 'defaults to the request id')
})

t.test(
  'unknown route → 400 BadRequest "Resource not found for the segment \'…\'." without authentication',
  async (t) => {
    const top = await h.get('/nope', undefined as unknown as string)
    t.equal(top.status, 400)
    t.equal(top.json.error.code, 'BadRequest')
    t.equal(top.json.error.message, "Resource not found for the segment 'nope'.")
    const nested = await h.get('/me/nothingHere', token)
    t.equal(nested.json.error.message, "Resource not found for the segment 'nothingHere'.")
    const caseless = await h.get('/ME', token)
    t.equal(caseless.status, 200, 'paths match case-insensitively, as in Graph')
  },
)

t.test('an unknown version → 400 BadRequest "Invalid version"', async (t) => {
  const res = await h.getUrl(`${h.origin}/beta2/me`, token)
  t.equal(res.status, 400)
  t.match(res.json.error.message, /^Invalid version/)
})

t.test('a known path with an unsupported method → 405', async (t) => {
  const res = await h.post('/me', token, {})
  t.equal(res.status, 405)
})

t.test('unknown or repeated system query options → 400 BadRequest', async (t) => {
  const unknown = await h.get('/me?$bogus=1', token)
  t.equal(unknown.status, 400)
  t.equal(unknown.json.error.code, 'BadRequest')
  const twice = await h.get('/users?$top=1&$top=2', token)
  t.equal(twice.status, 400)
  t.match(twice.json.error.message, /more than once/)
})

t.test('an unreadable JSON body → 400 BadRequest in Graph’s words', async (t) => {
  const res = await h.post('/me/sendMail', token, '{"message": ', { 'content-type': 'application/json' })
  t.equal(res.status, 400)
  t.equal(res.json.error.code, 'BadRequest')
  t.match(res.json.error.message, /Unable to read JSON request payload/)
})

t.test(
  'a body that is not JSON → 400 "Unable to read JSON request payload" (text) or 415 (unknown media type)',
  async (t) => {
    const text = await h.post('/me/sendMail', token, 'hello', { 'content-type': 'text/plain' })
    t.equal(text.status, 400)
    t.match(text.json.error.message, /Unable to read JSON request payload/)
    const xml = await h.post('/me/sendMail', token, '<message/>', { 'content-type': 'application/xml' })
    t.equal(xml.status, 415)
    t.equal(xml.json.error.code, 'UnsupportedMediaType')
  },
)
