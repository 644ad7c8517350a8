// End to end over HTTP: the consent modules wired as the routes wire them (consent-test-app.ts).
import t from 'tap'
import { request } from 'undici'
import { CONSENT_COOKIE_PREFIX } from '../../src/consent/consent-cookie.js'
import {
  buildConsentTestApp,
  cookiePairs,
  ENTRA_AUTHORIZE,
  formFields,
  PUBLIC_ORIGIN,
} from './consent-test-app.js'

const AUTHORIZE = '/authorize?client_id=mcp_good&redirect_uri=https%3A%2F%2Fgood.example%2Fcb&scope=mcp'

async function startConsent(app: Awaited<ReturnType<typeof buildConsentTestApp>>, cookies: string[] = []) {
  const res = await app.inject({ method: 'GET', url: AUTHORIZE, headers: { cookie: cookies.join('; ') } })
  return {
    res,
    fields: formFields(res.body),
    cookies: [...cookies, ...cookiePairs(res.headers['set-cookie'])],
  }
}

const post = (
  app: Awaited<ReturnType<typeof buildConsentTestApp>>,
  cookies: string[],
  body: Record<string, string>,
  headers: Record<string, string> = { origin: PUBLIC_ORIGIN, 'sec-fetch-site': 'same-origin' },
) =>
  app.inject({
    method: 'POST',
    url: '/consent',
    headers: { ...headers, cookie: cookies.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(body).toString(),
  })

const fields_ = (f: { csrfToken: string; requestId: string }) => ({
  csrf_token: f.csrfToken,
  request_id: f.requestId,
})

t.test('B12: a POST without the CSRF token is refused, nothing redirected', async (t) => {
  const app = await buildConsentTestApp()
  t.teardown(() => app.close())
  const { fields, cookies } = await startConsent(app)
  const res = await post(app, cookies, { request_id: fields.requestId, decision: 'approve' })
  t.equal(res.statusCode, 400)
  t.notOk(res.headers.location)
})

t.test('B12: a CSRF token of another pending request is refused (foreign token)', async (t) => {
  const app = await buildConsentTestApp()
  t.teardown(() => app.close())
  const first = await startConsent(app)
  const second = await startConsent(
    app,
    first.cookies.filter((c) => c.startsWith('__Host-mcp-tx')),
  )
  const res = await post(app, second.cookies, {
    csrf_token: first.fields.csrfToken,
    request_id: second.fields.requestId,
    decision: 'approve',
  })
  t.equal(res.statusCode, 403)
  t.notOk(res.headers.location)
})

t.test('B12/B15: the attacker’s own valid token and request fail in the victim’s browser', async (t) => {
  const app = await buildConsentTestApp()
  t.teardown(() => app.close())
  const attacker = await startConsent(app)
  const victim = await startConsent(app)
  // The victim's browser posts the attacker's form (request id and token), with the victim's cookie.
  const res = await post(app, victim.cookies, {
    csrf_token: attacker.fields.csrfToken,
    request_id: attacker.fields.requestId,
    decision: 'approve',
  })
  t.equal(res.statusCode, 403)
  t.notOk(res.headers.location)
})

t.test('B12: a cross-site Origin is refused even with a valid token', async (t) => {
  const app = await buildConsentTestApp()
  t.teardown(() => app.close())
  const variants: Array<Record<string, string>> = [
    { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    { origin: 'https://evil.example' },
    { origin: 'null' },
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site' },
  ]
  for (const headers of variants) {
    const { fields, cookies } = await startConsent(app)
    const res = await post(app, cookies, { ...fields_(fields), decision: 'approve' }, headers)
    t.equal(res.statusCode, 403, JSON.stringify(headers))
    t.notOk(res.headers.location)
  }
})

t.test('B18: approve is answered 303 to Entra, deny 303 with access_denied; each request once', async (t) => {
  const app = await buildConsentTestApp()
  t.teardown(() => app.close())
  const a = await startConsent(app)
  const approved = await post(app, a.cookies, { ...fields_(a.fields), decision: 'approve' })
  t.equal(approved.statusCode, 303)
  t.equal(approved.headers.location, ENTRA_AUTHORIZE)
  t.equal(approved.headers['referrer-policy'], 'no-referrer')
  const replay = await post(app, a.cookies, { ...fields_(a.fields), decision: 'approve' })
  t.equal(replay.statusCode, 403, 'a consent decision is single use')

  const d = await startConsent(app)
  const denied = await post(app, d.cookies, { ...fields_(d.fields), decision: 'deny' })
  t.equal(denied.statusCode, 303)
  t.equal(denied.headers.location, 'https://good.example/cb?error=access_denied')
})

t.test('B16: over a real socket the remembered approval skips consent for that client only', async (t) => {
  const app = await buildConsentTestApp()
  t.teardown(() => app.close())
  const base = await app.listen({ host: '127.0.0.1', port: 0 })

  const first = await request(base + AUTHORIZE)
  const page = await first.body.text()
  t.equal(first.statusCode, 200)
  const jar = cookiePairs(first.headers['set-cookie'])
  const { csrfToken, requestId } = formFields(page)

  const decided = await request(base + '/consent', {
    method: 'POST',
    headers: {
      origin: PUBLIC_ORIGIN,
      'sec-fetch-site': 'same-origin',
      cookie: jar.join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      csrf_token: csrfToken,
      request_id: requestId,
      decision: 'approve',
      remember: '1',
    }).toString(),
  })
  await decided.body.dump()
  t.equal(decided.statusCode, 303)
  const setCookies = decided.headers['set-cookie']
  const consentHeader = (Array.isArray(setCookies) ? setCookies : [setCookies]).find((h) =>
    h?.startsWith(CONSENT_COOKIE_PREFIX),
  )
  t.match(consentHeader, /; Max-Age=2592000; Path=\/; Secure; HttpOnly; SameSite=Lax$/)
  t.notMatch(consentHeader, /Domain=/i)
  jar.push(...cookiePairs(consentHeader))

  const again = await request(base + AUTHORIZE, { headers: { cookie: jar.join('; ') } })
  await again.body.dump()
  t.equal(again.statusCode, 303, 'same client, same redirect: no consent page')
  t.equal(again.headers.location, ENTRA_AUTHORIZE)

  const other = await request(
    base + '/authorize?client_id=mcp_other&redirect_uri=https%3A%2F%2Fother.example%2Fcb',
    {
      headers: { cookie: jar.join('; ') },
    },
  )
  t.equal(other.statusCode, 200, 'B15: another client gets its own consent page')
  t.match(await other.body.text(), /Other Client/)

  const broader = await request(base + AUTHORIZE.replace('scope=mcp', 'scope=mcp%20admin'), {
    headers: { cookie: jar.join('; ') },
  })
  await broader.body.dump()
  t.equal(broader.statusCode, 200, 'broader scopes need consent again')
})

t.test('B15: the consent page sets the browser-binding cookie before any upstream redirect', async (t) => {
  const app = await buildConsentTestApp()
  t.teardown(() => app.close())
  const res = await app.inject({ method: 'GET', url: AUTHORIZE })
  t.equal(res.statusCode, 200)
  t.notOk(res.headers.location, 'no redirect towards Entra before consent')
  t.match(
    res.headers['set-cookie'],
    /^__Host-mcp-tx=[A-Za-z0-9_-]{43}; Max-Age=600; Path=\/; Secure; HttpOnly; SameSite=Lax$/,
  )
})
