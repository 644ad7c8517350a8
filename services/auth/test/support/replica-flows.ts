// What the replica tests do against two replicas: a sign-in whose steps land on chosen replicas
// (the browser and its cookies travel, the replicas share only Redis), calls addressed to one
// replica, and a dump of everything stored under the harness prefix.
import { DEMO_PASSWORD } from '@m365mcp/entra-emulator'
import { TOKEN_EXCHANGE_GRANT, ACCESS_TOKEN_TYPE } from './attack-kit.js'
import { INTERNAL_SECRET } from './auth-harness.js'
import { createBrowser, type Browser } from '@m365mcp/testing'
import { authorizeUrl, consentFields } from './mcp-client.js'
import type { Replica, ReplicaHarness } from './replica-harness.js'

export interface SignInAcross {
  clientId: string
  redirectUri: string
  /** Where GET /authorize (the consent page) is served. */
  authorizeOn: Replica
  /** Where the consent decision is posted. */
  consentOn: Replica
  /** Where Entra's redirect back (PUBLIC_URL/callback) is delivered. */
  callbackOn: Replica
  /** Another browser delivers the callback (it lacks the binding cookie). */
  callbackBrowser?: Browser
}

export interface SignedInAcross {
  /** The client's redirect after /callback, or null when /callback answered otherwise. */
  redirect: URL | null
  /** The /callback response (status, headers). */
  callback: Response
  callbackBody: string
  /** The cookies the callback browser held when it sent /callback. */
  cookiesAtCallback: Array<{ name: string; value: string }>
  verifier: string
  state: string
  browser: Browser
}

/** The path and query of `url` sent to `replica` instead (same public URL, another instance). */
export const on = (replica: Replica, url: string): string => {
  const parsed = new URL(url)
  return `${replica.url}${parsed.pathname}${parsed.search}`
}

export async function signInAcross(h: ReplicaHarness, input: SignInAcross): Promise<SignedInAcross> {
  const browser = createBrowser()
  const user = h.emulator.seed.demoUsers[0]
  if (!user) throw new Error('the emulator has no demo user')
  const { url, verifier, state } = authorizeUrl(h.publicUrl, input)
  const page = await browser.get(on(input.authorizeOn, url))
  if (page.status !== 200) throw new Error(`authorize answered ${page.status}: ${await page.text()}`)
  const { csrf, requestId } = consentFields(await page.text())
  const posted = await browser.post(
    `${input.consentOn.url}/consent`,
    { csrf_token: csrf, request_id: requestId, decision: 'approve' },
    { origin: h.publicUrl },
  )
  if (posted.status !== 303) throw new Error(`consent answered ${posted.status}: ${await posted.text()}`)
  await posted.arrayBuffer()
  const atCallback = (u: string) => u.startsWith(`${h.publicUrl}/callback`)
  let hop = await browser.follow(posted.headers.get('location') ?? '', atCallback)
  if (!atCallback(hop.url)) {
    await hop.response.text()
    const login = await browser.post(hop.url, { login: user.userPrincipalName, password: DEMO_PASSWORD })
    hop = await browser.follow(hop.url, atCallback, login)
  }
  if (!atCallback(hop.url)) throw new Error(`sign-in ended at ${hop.url} (${hop.response.status})`)
  const callbackBrowser = input.callbackBrowser ?? browser
  const cookiesAtCallback = callbackBrowser.cookies().map(({ name, value }) => ({ name, value }))
  const callback = await callbackBrowser.get(on(input.callbackOn, hop.url))
  const location = callback.headers.get('location')
  const redirect = location !== null && location.startsWith(input.redirectUri) ? new URL(location) : null
  return {
    redirect,
    callback,
    callbackBody: await callback.text(),
    cookiesAtCallback,
    verifier,
    state,
    browser,
  }
}

export interface Answer {
  status: number
  body: Record<string, unknown>
}

async function answer(response: Response): Promise<Answer> {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** POST /token at one replica. */
export async function tokenAt(replica: Replica, form: Record<string, string>): Promise<Answer> {
  return answer(
    await fetch(`${replica.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    }),
  )
}

/** POST /internal/token-exchange at one replica's internal listener (RFC 8693 shape). */
export async function exchangeAt(replica: Replica, subjectToken: string): Promise<Answer> {
  return answer(
    await fetch(`${replica.internalUrl}/internal/token-exchange`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${INTERNAL_SECRET}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: TOKEN_EXCHANGE_GRANT,
        subject_token: subjectToken,
        subject_token_type: ACCESS_TOKEN_TYPE,
      }),
    }),
  )
}

/** `count` calls of `call`, alternating replicas A and B, all started before any is awaited. */
export function splitAcross<T>(
  h: ReplicaHarness,
  count: number,
  call: (replica: Replica) => Promise<T>,
): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => call(h.replicas[i % 2] ?? h.a)))
}

export interface StoredKey {
  /** The full Redis key (with the harness prefix). */
  key: string
  /** Redis TYPE: string, set, hash, list, zset, stream, or a module type. */
  type: string
  /** Everything the key holds, flattened to strings (values, members, fields, stream entries). */
  contents: string[]
}

/** Every key under the harness prefix, its type and its contents, whatever the type. */
export async function scanRedis(h: Pick<ReplicaHarness, 'redis' | 'prefix'>): Promise<StoredKey[]> {
  const found: StoredKey[] = []
  let cursor = '0'
  do {
    const [next, keys] = await h.redis.scan(cursor, 'MATCH', `${h.prefix}*`, 'COUNT', 1000)
    cursor = next
    for (const key of keys) {
      const type = await h.redis.type(key)
      let contents: string[]
      if (type === 'none')
        continue // expired or deleted between SCAN and TYPE
      else if (type === 'string') contents = [(await h.redis.get(key)) ?? '']
      else if (type === 'set') contents = await h.redis.smembers(key)
      else if (type === 'hash') contents = Object.entries(await h.redis.hgetall(key)).flat()
      else if (type === 'list') contents = await h.redis.lrange(key, 0, -1)
      else if (type === 'zset') contents = await h.redis.zrange(key, 0, -1, 'WITHSCORES')
      else if (type === 'stream')
        contents = (await h.redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields])
      else {
        // Any other (module) type: its serialized form, so a clear-text secret still shows.
        const dumped = await h.redis.dumpBuffer(key)
        contents = dumped === null ? [] : [dumped.toString('latin1')]
      }
      found.push({ key, type, contents })
    }
  } while (cursor !== '0')
  return found
}

/** Every key under the harness prefix with its value (strings, set members, hash fields, lists,
 * sorted sets, stream entries, other types serialized). */
export async function dumpRedis(h: Pick<ReplicaHarness, 'redis' | 'prefix'>): Promise<string[]> {
  return (await scanRedis(h)).flatMap(({ key, contents }) => [key, ...contents])
}

export interface IssuedCode {
  code: string
  verifier: string
  /** Cookie values the browser held during the sign-in (the binding cookie among them). */
  cookieValues: string[]
  /** The form that redeems the code (RFC 6749 §4.1.3 with PKCE, public client). */
  form: Record<string, string>
}

/** Signs the demo user in (authorize on A, consent and callback on B): an unredeemed code. */
export async function signInForCode(
  h: ReplicaHarness,
  clientId: string,
  redirectUri: string,
): Promise<IssuedCode> {
  const signed = await signInAcross(h, {
    clientId,
    redirectUri,
    authorizeOn: h.a,
    consentOn: h.b,
    callbackOn: h.b,
  })
  const code = signed.redirect?.searchParams.get('code')
  if (!code) throw new Error(`no code: /callback answered ${signed.callback.status}`)
  return {
    code,
    verifier: signed.verifier,
    cookieValues: signed.cookiesAtCallback.map((c) => c.value),
    form: {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: signed.verifier,
    },
  }
}

/** Signs in and redeems the code on A: the client's first access and refresh token. */
export async function signInForTokensAcross(
  h: ReplicaHarness,
  clientId: string,
  redirectUri: string,
): Promise<IssuedCode & { accessToken: string; refreshToken: string }> {
  const issued = await signInForCode(h, clientId, redirectUri)
  const redeemed = await tokenAt(h.a, issued.form)
  if (redeemed.status !== 200) throw new Error(`code redemption failed: ${JSON.stringify(redeemed.body)}`)
  return {
    ...issued,
    accessToken: String(redeemed.body.access_token),
    refreshToken: String(redeemed.body.refresh_token),
  }
}
