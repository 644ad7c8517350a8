import t, { type Test } from 'tap'
import { createSafeFetch, type SafeFetchOptions } from '../../src/net/safe-fetch.js'
import { SafeFetchError, type SafeFetchErrorCode } from '../../src/net/safe-fetch-error.js'
import type { HostResolver } from '../../src/net/resolve-host.js'
import { createTestCertificate, sendJson, startHttpsServer, type TestServer } from './https-fixture.js'

const certificate = await createTestCertificate()
const DOC = { client_id: 'x', hello: 'world' }

const server: TestServer = await startHttpsServer(certificate, (req, res) => {
  switch (req.url) {
    case '/doc':
      sendJson(res, DOC, { 'cache-control': 'max-age=120' })
      return
    case '/vendor-json':
      res.writeHead(200, { 'content-type': 'application/vnd.example+json; charset=utf-8' })
      res.end('{"ok":true}')
      return
    case '/redirect':
      res.writeHead(302, { location: '/doc' })
      res.end()
      return
    case '/big':
      sendJson(res, { pad: 'x'.repeat(1024 * 1024) })
      return
    case '/big-chunked':
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"pad":"')
      for (let i = 0; i < 64; i += 1) res.write('x'.repeat(16 * 1024))
      res.end('"}')
      return
    case '/hang':
      return // never answers
    case '/html':
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<p>hi</p>')
      return
    case '/bad-json':
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{not json')
      return
    default:
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end('{}')
  }
})
t.teardown(() => server.close())
const port = server.port

/** A DNS that knows the test names; everything else is NXDOMAIN. */
const fixedResolver =
  (answers: Record<string, string[]>): HostResolver =>
  async (hostname) => {
    const found = answers[hostname]
    if (found === undefined) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  }

const permissive = (extra: Partial<SafeFetchOptions> = {}) =>
  createSafeFetch({
    ca: certificate.cert,
    allowance: { allowedCidrs: ['127.0.0.1/32'] },
    resolve: fixedResolver({ 'public.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'] }),
    ...extra,
  })

async function refusal(t: Test, promise: Promise<unknown>, code: SafeFetchErrorCode): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  t.type(error, SafeFetchError, `refused with a SafeFetchError (${code})`)
  if (error instanceof SafeFetchError) t.equal(error.code, code)
}

t.test('fetches JSON from an allowed host, pinned, with Accept and Host of the original name', async (t) => {
  const before = server.requests.length
  const response = await permissive()(`https://public.test:${port}/doc`)
  t.same(response.body, DOC)
  t.equal(response.address, '127.0.0.1')
  t.equal(response.headers['cache-control'], 'max-age=120')
  const seen = server.requests[before]
  t.equal(seen?.headers.accept, 'application/json')
  t.equal(seen?.headers.host, `public.test:${port}`)
  const vendor = await permissive()(`https://public.test:${port}/vendor-json`)
  t.same(vendor.body, { ok: true }, 'application/*+json is JSON too')
})

t.test(
  'E37: literal loopback, private and metadata hosts in every notation are refused before connecting',
  async (t) => {
    const fetchStrict = createSafeFetch({ ca: certificate.cert })
    const before = server.requests.length
    const urls = [
      `https://127.0.0.1:${port}/doc`,
      `https://2130706433:${port}/doc`,
      `https://0x7f000001:${port}/doc`,
      `https://017700000001:${port}/doc`,
      `https://0x7f.1:${port}/doc`,
      `https://127.1:${port}/doc`,
      `https://[::1]:${port}/doc`,
      `https://[::ffff:127.0.0.1]:${port}/doc`,
      `https://[::ffff:7f00:1]:${port}/doc`,
      `https://10.0.0.1/doc`,
      `https://169.254.169.254/latest/meta-data/`,
      `https://[fd00:ec2::254]/latest/meta-data/`,
    ]
    for (const url of urls) await refusal(t, fetchStrict(url), 'address_not_allowed')
    t.equal(server.requests.length, before, 'the server never saw a request')
  },
)

t.test('E37: a name resolving to loopback (localhost, system DNS) is refused', async (t) => {
  const before = server.requests.length
  await refusal(
    t,
    createSafeFetch({ ca: certificate.cert })(`https://localhost:${port}/doc`),
    'address_not_allowed',
  )
  t.equal(server.requests.length, before)
})

t.test('E37: one special-use answer among public ones refuses the name', async (t) => {
  const fetchMixed = permissive({ resolve: fixedResolver({ 'public.test': ['127.0.0.1', '10.0.0.1'] }) })
  await refusal(t, fetchMixed(`https://public.test:${port}/doc`), 'address_not_allowed')
})

t.test('E37: http is refused even where the address would be allowed', async (t) => {
  await refusal(t, permissive()(`http://public.test:${port}/doc`), 'scheme_not_allowed')
  await refusal(t, permissive()('file:///etc/passwd'), 'scheme_not_allowed')
  await refusal(t, permissive()(`https://user:pass@public.test:${port}/doc`), 'invalid_url')
  await refusal(t, permissive()('not a url'), 'invalid_url')
})

t.test('E37: a redirect is not followed (CIMD draft §5)', async (t) => {
  const before = server.requests.length
  const error = await permissive()(`https://public.test:${port}/redirect`).catch((e: unknown) => e)
  t.type(error, SafeFetchError)
  t.match(error, { code: 'redirect_refused', status: 302 })
  t.equal(server.requests.length, before + 1, 'only the redirecting URL was requested')
})

t.test('E37: DNS rebinding cannot move the connection off the vetted address', async (t) => {
  // The "internal" service on 127.0.0.2, same port: where a second resolution would lead.
  const internal = await startHttpsServer(certificate, (_req, res) => sendJson(res, { secret: true }), {
    host: '127.0.0.2',
    port,
  })
  t.teardown(() => internal.close())
  let calls = 0
  const rebinding: HostResolver = async () => {
    calls += 1
    return [{ address: calls === 1 ? '127.0.0.1' : '127.0.0.2', family: 4 }]
  }
  const response = await permissive({ resolve: rebinding })(`https://rebind.test:${port}/doc`)
  t.same(response.body, DOC, 'answered by the vetted address')
  t.equal(calls, 1, 'the name was resolved exactly once')
  t.equal(internal.requests.length, 0, 'the internal service was never reached')
  // Resolving again for a second fetch now answers 127.0.0.2, which is vetted and refused.
  await refusal(
    t,
    permissive({ resolve: rebinding })(`https://rebind.test:${port}/doc`),
    'address_not_allowed',
  )
  t.equal(internal.requests.length, 0)
})

t.test('E38: a 1 MB document is refused, with or without Content-Length', async (t) => {
  await refusal(t, permissive()(`https://public.test:${port}/big`), 'too_large')
  await refusal(t, permissive()(`https://public.test:${port}/big-chunked`), 'too_large')
  await refusal(t, permissive()(`https://public.test:${port}/doc`, { maxBytes: 10 }), 'too_large')
})

t.test('E37: a server that never answers is cut off at the time cap', async (t) => {
  const started = Date.now()
  await refusal(t, permissive({ timeoutMs: 300 })(`https://public.test:${port}/hang`), 'timeout')
  const elapsed = Date.now() - started
  t.ok(elapsed >= 250 && elapsed < 2000, `gave up after ${elapsed} ms`)
})

t.test('only a 200 JSON answer is accepted', async (t) => {
  await refusal(t, permissive()(`https://public.test:${port}/html`), 'content_type')
  await refusal(t, permissive()(`https://public.test:${port}/bad-json`), 'invalid_json')
  const notFound = await permissive()(`https://public.test:${port}/missing`).catch((e: unknown) => e)
  t.match(notFound, { code: 'http_status', status: 404 })
})

t.test('TLS is verified: without the test CA the certificate is refused', async (t) => {
  await refusal(t, permissive({ ca: [] })(`https://public.test:${port}/doc`), 'network_error')
  await refusal(
    t,
    permissive({ resolve: fixedResolver({ 'unlisted.test': ['127.0.0.1'] }) })(
      `https://unlisted.test:${port}/doc`,
    ),
    'network_error',
  )
})

t.test('an unresolvable name is a dns_failure', async (t) => {
  await refusal(t, permissive()(`https://nowhere.test:${port}/doc`), 'dns_failure')
})

t.test('E37: a DNS answer that never comes is cut off at the time cap', async (t) => {
  const stalled: HostResolver = () => new Promise(() => undefined)
  const started = Date.now()
  await refusal(
    t,
    permissive({ resolve: stalled, timeoutMs: 200 })(`https://public.test:${port}/doc`),
    'timeout',
  )
  t.ok(Date.now() - started < 2000)
})
