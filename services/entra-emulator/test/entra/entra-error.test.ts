import { randomUUID } from 'node:crypto'
import t from 'tap'
import { aadsts } from '../../src/entra/aadsts.js'
import { entraErrorBody, entraHeaders, entraTimestamp, requestIds } from '../../src/entra/entra-error.js'

t.test("entra error: the body has Entra's members and its description layout", async (t) => {
  const ids = { traceId: randomUUID(), correlationId: randomUUID() }
  const now = Date.UTC(2024, 4, 1, 10, 0, 7)
  const body = entraErrorBody(aadsts.consentRequired('app-id', 'App'), ids, now)
  t.same(body, {
    error: 'invalid_grant',
    error_description:
      `AADSTS65001: The user or administrator has not consented to use the application with ID 'app-id' named 'App'. ` +
      `Send an interactive authorization request for this user and resource.\r\nTrace ID: ${ids.traceId}\r\n` +
      `Correlation ID: ${ids.correlationId}\r\nTimestamp: 2024-05-01 10:00:07Z`,
    error_codes: [65001],
    timestamp: '2024-05-01 10:00:07Z',
    trace_id: ids.traceId,
    correlation_id: ids.correlationId,
    error_uri: 'https://login.microsoftonline.com/error?code=65001',
    suberror: 'consent_required',
  })
  t.equal(entraTimestamp(0), '1970-01-01 00:00:00Z')
})

t.test(
  'entra error: a GUID client-request-id is echoed as the correlation id, anything else is not',
  async (t) => {
    const sent = randomUUID()
    t.equal(requestIds({ 'client-request-id': sent }).correlationId, sent)
    const injected = requestIds({ 'client-request-id': 'x\r\nSet-Cookie: a=b' }).correlationId
    t.match(injected, /^[0-9a-f-]{36}$/)
    t.same(entraHeaders({ traceId: 't', correlationId: 'c' }, aadsts.throttled(2.5)), {
      'x-ms-request-id': 't',
      'client-request-id': 'c',
      'retry-after': '2.5',
    })
  },
)
