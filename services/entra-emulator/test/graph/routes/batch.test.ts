import t from 'tap'
import { startGraph } from '../helpers.js'

const h = await startGraph()
t.teardown(() => h.close())
t.afterEach(() => h.faults.clear())
const [priya, marcus] = h.seed.demoUsers
if (!priya || !marcus) throw new Error('seed has too few demo users')
const token = await h.token(priya)

t.test(
  '$batch runs each request like a direct call; responses come back in another order, matched by id',
  async (t) => {
    const res = await h.post('/$batch', token, {
      requests: [
        { id: '1', method: 'GET', url: '/me?$select=displayName' },
        { id: '2', method: 'GET', url: 'users?$top=2' },
        { id: '3', method: 'GET', url: '/me/nothing' },
        { id: '4', method: 'get', url: '/me/messages?$top=1' },
      ],
    })
    t.equal(res.status, 200)
    const ids = res.json.responses.map((r: { id: string }) => r.id)
    t.same([...ids].sort(), ['1', '2', '3', '4'])
    t.not(ids.join(), '1,2,3,4', 'order not preserved')
    const byId = Object.fromEntries(res.json.responses.map((r: { id: string }) => [r.id, r]))
    t.equal(byId['1'].status, 200)
    t.equal(byId['1'].body.displayName, priya.displayName)
    t.match(byId['1'].headers['content-type'], /application\/json/)
    t.equal(byId['2'].body.value.length, 2)
    t.ok(
      byId['2'].body['@odata.nextLink'].startsWith(`${h.base}/users?`),
      'nextLinks inside a batch are absolute',
    )
    t.equal(byId['3'].status, 400)
    t.equal(byId['3'].body.error.code, 'BadRequest')
    t.equal(byId['4'].status, 200)
  },
)

t.test('$batch with more than 20 requests → 400 BadRequest', async (t) => {
  const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/me' }))
  const res = await h.post('/$batch', token, { requests })
  t.equal(res.status, 400)
  t.equal(res.json.error.code, 'BadRequest')
  t.match(res.json.error.message, /20/)
  const twenty = await h.post('/$batch', token, { requests: requests.slice(0, 20) })
  t.equal(twenty.status, 200)
  t.equal(twenty.json.responses.length, 20)
})

t.test('$batch: a throttled sub-request is a 429 with its own Retry-After inside the 200', async (t) => {
  h.faults.add({ target: 'graph:/me/messages', kind: 'throttle', retryAfter: 0.5 })
  const res = await h.post('/$batch', token, {
    requests: [
      { id: 'a', method: 'GET', url: '/me/messages' },
      { id: 'b', method: 'GET', url: '/me' },
    ],
  })
  t.equal(res.status, 200)
  const a = res.json.responses.find((r: { id: string }) => r.id === 'a')
  const b = res.json.responses.find((r: { id: string }) => r.id === 'b')
  t.equal(a.status, 429)
  t.equal(a.headers['retry-after'], '0.5')
  t.equal(a.body.error.code, 'TooManyRequests')
  t.equal(b.status, 200)
})

t.test('$batch sub-requests use the envelope’s token: its user, its scopes', async (t) => {
  const limited = await h.token(priya, { scp: 'User.Read' })
  const res = await h.post('/$batch', limited, {
    requests: [{ id: '1', method: 'GET', url: '/me/messages' }],
  })
  t.equal(res.json.responses[0].status, 403)
  const spoof = await h.post('/$batch', limited, {
    requests: [
      { id: '1', method: 'GET', url: '/me', headers: { Authorization: `Bearer ${await h.token(marcus)}` } },
    ],
  })
  t.equal(spoof.json.responses[0].body.id, priya.id, 'a sub-request Authorization header is ignored')
  const unauthenticated = await h.post('/$batch', 'garbage', {
    requests: [{ id: '1', method: 'GET', url: '/me' }],
  })
  t.equal(unauthenticated.status, 401)
})

t.test('$batch dependsOn runs in sequence; a failed dependency answers 424', async (t) => {
  const res = await h.post('/$batch', await h.token(priya, { scp: 'Mail.Read Mail.Send' }), {
    requests: [
      {
        id: 'send',
        method: 'POST',
        url: '/me/sendMail',
        headers: { 'Content-Type': 'application/json' },
        body: {
          message: { subject: 'batched hello', toRecipients: [{ emailAddress: { address: marcus.mail } }] },
        },
      },
      {
        id: 'check',
        method: 'GET',
        url: '/me/mailFolders/sentitems/messages?$top=1&$select=subject',
        dependsOn: ['send'],
      },
      { id: 'broken', method: 'GET', url: '/users/nobody' },
      { id: 'after', method: 'GET', url: '/me', dependsOn: ['broken'] },
    ],
  })
  const byId = Object.fromEntries(res.json.responses.map((r: { id: string }) => [r.id, r]))
  t.equal(byId.send.status, 202)
  t.equal(byId.check.body.value[0].subject, 'batched hello', 'ran after the send')
  t.equal(byId.broken.status, 403)
  t.equal(byId.after.status, 424)
})

t.test(
  '$batch payload validation: duplicates, unknown dependsOn, cycles, writes without Content-Type, absolute URLs',
  async (t) => {
    const bad = async (body: unknown): Promise<unknown> =>
      (await h.post('/$batch', token, body)).json.error?.code
    t.equal(await bad({}), 'BadRequest')
    t.equal(await bad({ requests: [] }), 'BadRequest')
    t.equal(
      await bad({
        requests: [
          { id: '1', method: 'GET', url: '/me' },
          { id: '1', method: 'GET', url: '/me' },
        ],
      }),
      'BadRequest',
    )
    t.equal(await bad({ requests: [{ id: '1', method: 'GET', url: '/me', dependsOn: ['9'] }] }), 'BadRequest')
    t.equal(
      await bad({
        requests: [
          { id: '1', method: 'GET', url: '/me', dependsOn: ['2'] },
          { id: '2', method: 'GET', url: '/me', dependsOn: ['1'] },
        ],
      }),
      'BadRequest',
    )
    t.equal(
      await bad({ requests: [{ id: '1', method: 'POST', url: '/me/sendMail', body: {} }] }),
      'BadRequest',
    )
    t.equal(await bad({ requests: [{ id: '1', method: 'TRACE', url: '/me' }] }), 'BadRequest')
    const absolute = await h.post('/$batch', token, {
      requests: [{ id: '1', method: 'GET', url: 'https://graph.microsoft.com/v1.0/me' }],
    })
    t.equal(absolute.json.responses[0].status, 400)
    const nested = await h.post('/$batch', token, {
      requests: [
        {
          id: '1',
          method: 'POST',
          url: '/$batch',
          headers: { 'content-type': 'application/json' },
          body: { requests: [] },
        },
      ],
    })
    t.equal(nested.json.responses[0].status, 400)
  },
)
