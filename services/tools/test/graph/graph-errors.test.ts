// Every failure becomes a ToolError with curated text: the Graph message, request id and URLs go
// to the log only. (The emulator-driven cases are in graph-client.test.ts; these cover the rest.)
import t, { type Test } from 'tap'
import { GraphClientError, GraphError } from '@microsoft/microsoft-graph-client'
import { toToolError } from '../../src/graph/graph-errors.js'
import { TokenExchangeError } from '../../src/graph/token-exchange-error.js'
import { ToolError } from '../../src/graph/tool-error.js'
import { captureLogger } from './support/capture-logger.js'

const REQUEST_ID = '7e1c2f4a-9b8d-4e6f-a1b2-c3d4e5f60718'
const SECRET_TEXT = 'Token eyJhbGciOi.secret at https://graph.microsoft.com/v1.0/me failed'

function graphError(status: number, code: string, headers: Record<string, string> = {}): GraphError {
  const error = new GraphError(status, SECRET_TEXT)
  error.code = code
  error.requestId = REQUEST_ID
  error.headers = new Headers(headers)
  return error
}

function convert(t: Test, error: unknown, permissions?: readonly string[]) {
  const captured = captureLogger()
  const now = () => Date.parse('2026-01-01T00:00:00Z')
  const result = toToolError(error, { logger: captured.logger, now, ...(permissions ? { permissions } : {}) })
  t.notMatch(result.message, /eyJ|https?:|graph\.microsoft|7e1c2f4a|secret/, 'nothing upstream in the text')
  return { result, lines: captured.lines() }
}

t.test('toToolError: status and Graph code decide the ToolError code', async (t) => {
  const cases: Array<[GraphError, string]> = [
    [graphError(400, 'Request_UnsupportedQuery'), 'bad_request'],
    [graphError(400, 'BadRequest'), 'bad_request'],
    [graphError(401, 'InvalidAuthenticationToken'), 'reauth_required'],
    [graphError(403, 'Authorization_RequestDenied'), 'permission_missing'],
    [graphError(404, 'Request_ResourceNotFound'), 'not_found'],
    [graphError(409, 'nameAlreadyExists'), 'bad_request'],
    [graphError(429, 'TooManyRequests', { 'retry-after': '7' }), 'throttled'],
    [graphError(502, 'BadGateway'), 'upstream_unavailable'],
    [graphError(-1, 'TypeError'), 'upstream_unavailable'],
  ]
  for (const [error, code] of cases)
    t.equal(convert(t, error).result.code, code, `${error.statusCode} ${error.code}`)
})

t.test('toToolError: unsupported query and malformed value get different reasons', async (t) => {
  t.match(
    convert(t, graphError(400, 'Request_UnsupportedQuery')).result.message,
    /does not support this query/,
  )
  t.match(convert(t, graphError(400, 'BadRequest')).result.message, /check the arguments/)
})

t.test('toToolError: 403 names one permission, several, or none known', async (t) => {
  t.match(convert(t, graphError(403, 'x'), ['Mail.Read']).result.message, /permission Mail\.Read\./)
  t.match(
    convert(t, graphError(403, 'x'), ['Files.Read', 'Files.Read.All']).result.message,
    /one of .* Files\.Read, Files\.Read\.All/,
  )
  const unknown = convert(t, graphError(403, 'x')).result
  t.match(unknown.message, /a delegated Microsoft Graph permission this app was not granted/)
  t.match(unknown.message, /administrator may need to grant consent/)
})

t.test('toToolError: throttled and unavailable carry Retry-After (seconds or HTTP-date)', async (t) => {
  const throttled = convert(t, graphError(429, 'TooManyRequests', { 'retry-after': '7' })).result
  t.equal(throttled.retryAfterSeconds, 7)
  t.match(throttled.message, /Retry in about 7 seconds/)
  const dated = convert(
    t,
    graphError(503, 'serviceNotAvailable', { 'retry-after': 'Thu, 01 Jan 2026 00:00:20 GMT' }),
  ).result
  t.equal(dated.retryAfterSeconds, 20)
  const plain = convert(t, graphError(503, 'serviceNotAvailable')).result
  t.equal(plain.retryAfterSeconds, undefined)
  t.match(plain.message, /Retry shortly/)
})

t.test('toToolError: the log carries status, Graph code, request id and Graph message', async (t) => {
  const { lines } = convert(t, graphError(404, 'Request_ResourceNotFound'))
  const line = lines.find((l) => l.msg === 'graph call failed')
  t.equal(line?.status, 404)
  t.equal(line?.graphCode, 'Request_ResourceNotFound')
  t.equal(line?.requestId, REQUEST_ID)
  t.equal(line?.graphMessage, SECRET_TEXT)
})

t.test('toToolError: token-exchange failures, SDK client errors, unknown errors, ToolErrors', async (t) => {
  t.equal(convert(t, new TokenExchangeError('reauth_required', 'x')).result.code, 'reauth_required')
  t.equal(convert(t, new TokenExchangeError('unavailable', 'x')).result.code, 'upstream_unavailable')
  t.equal(convert(t, new TokenExchangeError('internal', 'x')).result.code, 'internal')
  t.equal(convert(t, new GraphClientError(SECRET_TEXT)).result.code, 'internal')
  t.equal(convert(t, new Error(SECRET_TEXT)).result.code, 'internal')
  const own = new ToolError('not_found', 'curated')
  t.equal(convert(t, own).result, own, 'a ToolError passes unchanged')
})
