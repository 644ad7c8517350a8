import t from 'tap'
import { sha256 } from '@m365mcp/crypto'
import {
  CONSENT_COOKIE_PREFIX,
  createConsentCookies,
  type ConsentApproval,
} from '../../src/consent/consent-cookie.js'

const NEW = 'n'.repeat(40)
const OLD = 'o'.repeat(40)
const DAY = 86_400_000

const approval: ConsentApproval = {
  clientId: 'mcp_client_a',
  redirectUri: 'https://a.example/cb',
  scopes: ['mcp', 'mail'],
  resource: 'https://mcp.example.com/mcp',
}

function clock(start = 1_700_000_000_000) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

const jar = (issued: { name: string; value: string }) => ({ [issued.name]: issued.value })

t.test(
  'B16: attributes exactly __Host- name, Max-Age, Path=/, Secure, HttpOnly, SameSite=Lax, no Domain',
  async (t) => {
    const cookies = createConsentCookies({ secrets: [NEW] })
    const issued = cookies.issue(approval)
    t.equal(issued.name, `${CONSENT_COOKIE_PREFIX}${sha256('mcp_client_a').slice(0, 16)}`)
    t.equal(
      issued.header,
      `${issued.name}=${issued.value}; Max-Age=2592000; Path=/; Secure; HttpOnly; SameSite=Lax`,
    )
    t.match(issued.value, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/, 'cookie-octets only')
    t.equal(
      cookies.clear('mcp_client_a'),
      `${issued.name}=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Lax`,
    )
  },
)

t.test(
  'B16: one cookie per client_id; the approval holds for the same request and scope subsets',
  async (t) => {
    const cookies = createConsentCookies({ secrets: [NEW] })
    const issued = cookies.issue(approval)
    t.not(cookies.name('mcp_client_a'), cookies.name('mcp_client_b'))
    t.ok(cookies.isApproved(jar(issued), approval))
    t.ok(cookies.isApproved(jar(issued), { ...approval, scopes: ['mcp'] }), 'subset of approved scopes')
    t.ok(cookies.isApproved(jar(issued), { ...approval, scopes: [] }))
    t.notOk(cookies.isApproved(jar(issued), { ...approval, scopes: ['mcp', 'files'] }), 'broader scopes')
    t.notOk(cookies.isApproved({}, approval), 'no cookie')
  },
)

t.test('B16: another client_id is not approved, even with the cookie renamed to its name', async (t) => {
  const cookies = createConsentCookies({ secrets: [NEW] })
  const issued = cookies.issue(approval)
  const other = { ...approval, clientId: 'mcp_client_b' }
  t.notOk(cookies.isApproved(jar(issued), other))
  t.notOk(cookies.isApproved({ [cookies.name('mcp_client_b')]: issued.value }, other), 'renamed cookie')
})

t.test('B16: another redirect_uri or resource is not approved', async (t) => {
  const cookies = createConsentCookies({ secrets: [NEW] })
  const issued = cookies.issue(approval)
  for (const redirectUri of [
    'https://a.example/cb/',
    'https://a.example/cb?x=1',
    'https://A.example/cb',
    'https://b.example/cb',
  ]) {
    t.notOk(cookies.isApproved(jar(issued), { ...approval, redirectUri }), redirectUri)
  }
  t.notOk(cookies.isApproved(jar(issued), { ...approval, resource: 'https://mcp.example.com/sse' }))
})

t.test('B16: a tampered payload or signature is not approved', async (t) => {
  const cookies = createConsentCookies({ secrets: [NEW] })
  const issued = cookies.issue(approval)
  const [payload, signature] = issued.value.split('.') as [string, string]
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString())
  const forged = Buffer.from(JSON.stringify({ ...decoded, scopes: ['mcp', 'mail', 'files'] })).toString(
    'base64url',
  )
  const broader = { ...approval, scopes: ['files'] }
  t.notOk(cookies.isApproved({ [issued.name]: `${forged}.${signature}` }, broader), 'payload changed')
  const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1)
  t.notOk(cookies.isApproved({ [issued.name]: `${payload}.${flipped}` }, approval), 'signature changed')
  t.notOk(cookies.isApproved({ [issued.name]: payload }, approval), 'signature missing')
  t.notOk(cookies.isApproved({ [issued.name]: `${issued.value}.x` }, approval), 'extra segment')
  t.notOk(cookies.isApproved({ [issued.name]: 'x'.repeat(5000) }, approval), 'oversized')
  const other = createConsentCookies({ secrets: ['z'.repeat(40)] }).issue(approval)
  t.notOk(cookies.isApproved(jar(other), approval), 'signed by a key we do not hold')
})

t.test('B16: expiry follows the injected clock and the configured lifetime', async (t) => {
  const c = clock()
  const cookies = createConsentCookies({ secrets: [NEW], now: c.now, ttlMs: 7 * DAY })
  const issued = cookies.issue(approval)
  t.match(issued.header, /; Max-Age=604800;/)
  c.advance(7 * DAY - 1)
  t.ok(cookies.isApproved(jar(issued), approval), 'valid until the last millisecond')
  c.advance(1)
  t.notOk(cookies.isApproved(jar(issued), approval), 'expired at exp')
})

t.test('B16: key rotation — sign with the first key, verify with any listed key', async (t) => {
  const before = createConsentCookies({ secrets: [OLD] })
  const during = createConsentCookies({ secrets: [NEW, OLD] })
  const after = createConsentCookies({ secrets: [NEW] })
  const oldCookie = before.issue(approval)
  t.ok(during.isApproved(jar(oldCookie), approval), 'old cookie accepted while the old key is listed')
  const newCookie = during.issue(approval)
  t.ok(after.isApproved(jar(newCookie), approval), 'new cookies are signed with the first key')
  t.notOk(after.isApproved(jar(oldCookie), approval), 'retired key no longer accepted')
})

t.test('consent cookie: a CSRF-purpose MAC is never a valid cookie signature (key separation)', async (t) => {
  const { createCsrf } = await import('../../src/consent/csrf.js')
  const cookies = createConsentCookies({ secrets: [NEW] })
  const [payload] = cookies.issue(approval).value.split('.') as [string]
  const csrfMac = createCsrf({ secrets: [NEW] }).issue(payload, 'x')
  t.notOk(cookies.isApproved({ [cookies.name(approval.clientId)]: `${payload}.${csrfMac}` }, approval))
})

t.test('consent cookie: a bad lifetime or missing secrets fail at start', async (t) => {
  t.throws(() => createConsentCookies({ secrets: [NEW], ttlMs: 0 }), TypeError)
  t.throws(() => createConsentCookies({ secrets: [] }), TypeError)
})
