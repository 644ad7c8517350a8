// Issue 3 acceptance / ATTACKS G50, G51: after sign-ins, code races, refresh races, token
// exchanges and a revocation across two replicas, neither Redis nor anything the replicas logged
// (level trace) holds a token, code, verifier, cookie value or secret in clear text. Only sha256
// hashes of codes, tokens and client secrets are stored; Entra tokens only inside keyring
// envelopes. Every key found (any Redis type, streams included) must match a pattern documented in
// docs/storage-schema.md. This one representative run stands for "Redis after the suite": every
// test file uses its own unique prefix and deletes it at teardown, so nothing of the suite is left
// to scan afterwards; instead this run passes every kind of secret and writes every kind of key
// the auth service keeps (DCR with a secret and its rate counters, a pending authorization, a
// consented but unfinished sign-in, codes, grants, refresh tokens, the Graph refresh, revocation).
import t from 'tap'
import { decodeJwt } from 'jose'
import { createBrowser } from '@m365mcp/testing'
import { authorizeUrl, consentFields, register, type RegisteredClient } from '../support/mcp-client.js'
import { startReplicas } from '../support/replica-harness.js'
import { exchangeAt, on, scanRedis, signInForCode, splitAcross, tokenAt } from '../support/replica-flows.js'
import { documentedKeyPatterns, isDocumentedAs, undocumentedKeys } from '../support/replica-storage-schema.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'

t.test('G50/G51: Redis and logs hold no token, code or secret in clear text', async (t) => {
  const h = await startReplicas((fn) => t.teardown(fn), { accessTokenTtlSeconds: 180 })
  const secrets = new Set<string>(h.configSecrets)
  const codes = new Set<string>()
  const collect = (body: Record<string, unknown>) => {
    for (const name of ['access_token', 'refresh_token']) {
      const value = body[name]
      if (typeof value === 'string') secrets.add(value)
    }
  }

  // A confidential client: its secret must only ever be stored hashed.
  const registered = await register(h.b.url, {
    client_name: 'Scan client',
    redirect_uris: [REDIRECT],
    token_endpoint_auth_method: 'client_secret_post',
  })
  t.equal(registered.status, 201)
  const client = (await registered.json()) as RegisteredClient
  if (!client.client_secret) throw new Error('no client secret issued')
  secrets.add(client.client_secret)
  const withSecret = (form: Record<string, string>) => ({
    ...form,
    client_secret: client.client_secret ?? '',
  })

  // Sign-in across replicas, a 10-way race on a second code, a 10-way refresh race, then exchanges
  // with a forced Graph refresh: every kind of secret the service handles passes through.
  const first = await signInForCode(h, client.client_id, REDIRECT)
  const raced = await signInForCode(h, client.client_id, REDIRECT)
  for (const issued of [first, raced]) {
    codes.add(issued.code)
    secrets.add(issued.verifier)
    for (const value of issued.cookieValues) secrets.add(value)
  }
  const tokens = await tokenAt(h.a, withSecret(first.form))
  t.equal(tokens.status, 200, 'the code is redeemed with the client secret')
  collect(tokens.body)
  const racedResults = await splitAcross(h, 10, (replica) => tokenAt(replica, withSecret(raced.form)))
  for (const r of racedResults) collect(r.body)
  const racedWinner = racedResults.find((r) => r.status === 200)
  if (!racedWinner) throw new Error('no redemption of the raced code succeeded')
  const refreshForm = withSecret({
    grant_type: 'refresh_token',
    refresh_token: String(tokens.body.refresh_token),
    client_id: client.client_id,
  })
  for (const r of await splitAcross(h, 10, (replica) => tokenAt(replica, refreshForm))) collect(r.body)

  const accessToken = String(tokens.body.access_token)
  const grantId = String(decodeJwt(accessToken).gid)
  const grant = await h.a.services.grants.get(grantId)
  if (!grant) throw new Error('grant missing')
  const entra = h.a.services.grants.entraTokens(grant)
  secrets.add(entra.accessToken)
  if (entra.refreshToken) secrets.add(entra.refreshToken)
  await h.a.services.grants.updateEntraTokens(grantId, { ...entra, expiresAt: Date.now() + 1000 })
  for (const r of await splitAcross(h, 10, (replica) => exchangeAt(replica, accessToken))) {
    t.equal(r.status, 200, 'the exchange answers a Graph token')
    collect(r.body)
  }
  const refreshedGrant = await h.b.services.grants.get(grantId)
  if (!refreshedGrant) throw new Error('grant missing after the Graph refresh')
  const refreshedEntra = h.b.services.grants.entraTokens(refreshedGrant)
  t.not(refreshedEntra.accessToken, entra.accessToken, 'Entra was refreshed during the run')
  secrets.add(refreshedEntra.accessToken)
  if (refreshedEntra.refreshToken) secrets.add(refreshedEntra.refreshToken)

  // RFC 7009: the raced grant is revoked through its refresh token (client authenticated).
  const revoked = await fetch(`${h.b.url}/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(
      withSecret({
        token: String(racedWinner.body.refresh_token),
        token_type_hint: 'refresh_token',
        client_id: client.client_id,
      }),
    ).toString(),
  })
  await revoked.arrayBuffer()
  t.equal(revoked.status, 200, 'the raced grant is revoked')

  // Left in flight: an authorization request awaiting consent, and a consented sign-in whose
  // Entra leg never returns (their keys expire on their own).
  const browser = createBrowser()
  const pending = authorizeUrl(h.publicUrl, { clientId: client.client_id, redirectUri: REDIRECT })
  const page = await browser.get(on(h.a, pending.url))
  t.equal(page.status, 200, 'a consent page is shown and left unanswered')
  await page.arrayBuffer()
  const consented = authorizeUrl(h.publicUrl, { clientId: client.client_id, redirectUri: REDIRECT })
  const consentPage = await browser.get(on(h.b, consented.url))
  const { csrf, requestId } = consentFields(await consentPage.text())
  const approved = await browser.post(
    `${h.a.url}/consent`,
    { csrf_token: csrf, request_id: requestId, decision: 'approve', remember: '1' },
    { origin: h.publicUrl },
  )
  await approved.arrayBuffer()
  t.equal(approved.status, 303, 'a consent is approved and its Entra leg left unfinished')
  const entraState = new URL(approved.headers.get('location') ?? 'about:blank').searchParams.get('state')
  if (entraState) secrets.add(entraState)
  for (const { value } of browser.cookies()) secrets.add(value)
  for (const verifier of [pending.verifier, consented.verifier]) secrets.add(verifier)

  const stored = await scanRedis(h)
  const documented = await documentedKeyPatterns()
  t.ok(documented.length >= 15, `${documented.length} key patterns read from docs/storage-schema.md`)
  const keys = stored.map(({ key }) => key.slice(h.prefix.length))
  const deploymentPrefix = h.a.services.config.REDIS_PREFIX
  t.same(
    undocumentedKeys(keys, documented, deploymentPrefix),
    [],
    'every key matches a pattern of docs/storage-schema.md',
  )
  const exercised = (pattern: string) => {
    const doc = documented.find((d) => d.pattern === pattern)
    return doc ? keys.filter((key) => isDocumentedAs(key, doc, deploymentPrefix)).length : 0
  }
  for (const pattern of [
    'auth:signing-keys',
    'auth:client:<client_id>',
    'auth:dcr-rate:ip:<bucket>:<window>',
    'auth:dcr-rate:global:<window>',
    'auth:authz-req:<requestId>',
    'auth:upstream-tx:<sha256(entra state)>',
    'auth:code:<sha256(code)>',
    'auth:grant:<grantId>',
    'auth:user-grants:<sub>',
    'auth:grant-codes:<grantId>',
    'auth:grant-rts:<grantId>',
    'auth:rt:<sha256(token)>',
  ])
    t.ok(exercised(pattern) > 0, `the run wrote ${pattern}`)
  t.comment(`key types: ${JSON.stringify([...new Set(stored.map(({ type }) => type))])}`)

  const redis = stored.flatMap(({ key, contents }) => [key, ...contents]).join('\n')
  const logs = h.logs().join('')
  t.ok(redis.length > 1000, `Redis was scanned (${redis.length} characters)`)
  t.ok(h.logs().length > 50, `the replicas' logs were captured (${h.logs().length} lines)`)
  t.ok(secrets.size > 20, `${secrets.size} secrets and ${codes.size} codes collected`)
  for (const [where, text] of [
    ['Redis', redis],
    ['logs', logs],
  ] as const) {
    const leaked = [...secrets, ...codes].filter((secret) => text.includes(secret))
    t.same(
      leaked.map((s) => `${s.slice(0, 8)}…`),
      [],
      `${where}: none of the collected tokens, codes or secrets in clear`,
    )
    t.notOk(text.includes('Bearer ey'), `${where}: no bearer JWT`)
    t.notOk(text.includes('refresh_token='), `${where}: no refresh_token form field`)
    t.notOk(
      [...codes].some((code) => text.includes(`code=${code}`)),
      `${where}: no code= with one of our codes`,
    )
  }
})
