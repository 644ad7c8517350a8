import t from 'tap'
import { startGraph } from './helpers.js'

const h = await startGraph()
t.teardown(() => h.close())
t.afterEach(() => h.faults.clear())
const priya = h.seed.demoUsers[0]
const marcus = h.seed.demoUsers[1]
if (!priya || !marcus) throw new Error('seed has too few demo users')
const token = await h.token(priya)

t.test('429 carries Retry-After and Graph’s TooManyRequests body', async (t) => {
  h.faults.add({ target: 'graph:/me/messages', kind: 'throttle', retryAfter: 3, times: 1 })
  const res = await h.get('/me/messages?$top=1', token)
  t.equal(res.status, 429)
  t.equal(res.headers.get('retry-after'), '3')
  t.equal(res.json.error.code, 'TooManyRequests')
  t.ok(res.json.error.innerError.date)
  t.equal((await h.get('/me/messages?$top=1', token)).status, 200, 'times: 1 retires the rule')
})

t.test('429 Retry-After may be fractional; default is 1', async (t) => {
  h.faults.add({ target: 'graph:/me', kind: 'throttle', retryAfter: 0.5, times: 1 })
  t.equal((await h.get('/me', token)).headers.get('retry-after'), '0.5')
  h.faults.add({ target: 'graph:/me', kind: 'throttle', times: 1 })
  t.equal((await h.get('/me', token)).headers.get('retry-after'), '1')
})

t.test('a path rule covers the paths under it, and only them', async (t) => {
  h.faults.add({ target: 'graph:/me', kind: 'throttle' })
  t.equal((await h.get('/me/messages', token)).status, 429)
  t.equal((await h.get('/users?$top=1', token)).status, 200)
})

t.test('503 serviceNotAvailable with Retry-After', async (t) => {
  h.faults.add({ target: 'graph:/users', kind: 'unavailable', retryAfter: 2 })
  const res = await h.get('/users', token)
  t.equal(res.status, 503)
  t.equal(res.json.error.code, 'serviceNotAvailable')
  t.equal(res.headers.get('retry-after'), '2')
})

t.test(
  'expired_token fault → 401 InvalidAuthenticationToken "Lifetime validation failed, the token is expired."',
  async (t) => {
    h.faults.add({ target: 'graph:*', kind: 'expired_token', times: 1 })
    const res = await h.get('/me', token)
    t.equal(res.status, 401)
    t.equal(res.json.error.code, 'InvalidAuthenticationToken')
    t.equal(res.json.error.message, 'Lifetime validation failed, the token is expired.')
    t.ok(res.headers.get('www-authenticate'))
  },
)

t.test(
  "access_denied fault → the 403 of the route's workload, even with the permission granted",
  async (t) => {
    h.faults.add({ target: 'graph:/me/messages', kind: 'access_denied', times: 1 })
    const mail = await h.get('/me/messages', token)
    t.equal(mail.status, 403)
    t.equal(mail.json.error.code, 'ErrorAccessDenied', 'Outlook vocabulary on a mail route')
    t.equal((await h.get('/me/messages', token)).status, 200, 'one hit, then served again')
    h.faults.add({ target: 'graph:/me', kind: 'access_denied', times: 1 })
    const me = await h.get('/me', token)
    t.equal(me.status, 403)
    t.equal(me.json.error.code, 'Authorization_RequestDenied', 'directory vocabulary on /me')
  },
)

t.test('a user-scoped rule hits only that user', async (t) => {
  h.faults.add({ target: 'graph:*', kind: 'throttle', userId: marcus.id })
  t.equal((await h.get('/me', token)).status, 200)
  t.equal((await h.get('/me', await h.token(marcus))).status, 429)
})

t.test('token-endpoint fault kinds do not affect Graph', async (t) => {
  h.faults.add({ target: 'graph:*', kind: 'invalid_grant' })
  t.equal((await h.get('/me', token)).status, 200)
})

t.test('faults apply only to authenticated callers (an invalid token still gets 401)', async (t) => {
  h.faults.add({ target: 'graph:*', kind: 'throttle' })
  t.equal((await h.get('/me', 'garbage')).status, 401)
  t.equal(h.faults.list()[0]?.hits, 0)
})
