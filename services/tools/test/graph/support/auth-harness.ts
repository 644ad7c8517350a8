// The real auth service (public and internal listeners) federated to the real emulator on a real
// Redis with a fresh prefix, and a user signed in through the MCP client's flow (DCR, /authorize
// with PKCE, consent, the emulator's login page, /token). Adapted from services/auth's own test
// support: packages never import each other's test folders.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp, buildInternalApp, configSchema, createServices, type AuthServices } from '@m365mcp/auth'
import { loadConfig } from '@m365mcp/config'
import { CONTOSO, DEMO_PASSWORD, startEmulator, type RunningEmulator } from '@m365mcp/entra-emulator'
import { createRedisStore, type Store } from '@m365mcp/store'
import { cleanupPrefix, createTestRedisClient, freePort, getTestRedis, uniquePrefix } from '@m365mcp/testing'
import pino from 'pino'
import { createBrowser } from '@m365mcp/testing'

export const INTERNAL_SECRET = 'tools-graph-internal-secret-0123456789abcdef'
export const GRAPH_SCOPES = ['User.Read', 'People.Read']
const REDIRECT = 'http://127.0.0.1:33419/callback'

export interface AuthHarness {
  publicUrl: string
  internalUrl: string
  emulator: RunningEmulator
  services: AuthServices
  store: Store
  /** The auth service's `grant-revoked` channel. */
  grantRevokedChannel: string
  /** Signs the first Contoso demo user in; returns our access token and its grant id. */
  signIn(): Promise<{ accessToken: string; grantId: string; sub: string }>
}

type Teardown = (fn: () => Promise<void> | void) => void

export async function startAuth(teardown: Teardown): Promise<AuthHarness> {
  const port = await freePort()
  const publicUrl = `http://localhost:${port}`
  const entraClientId = randomUUID()
  const entraSecret = 'tools-graph-entra-secret'
  const emulator = await startEmulator({
    port: 0,
    graphPort: 0,
    logger: pino({ level: 'silent' }),
    clients: [
      {
        clientId: entraClientId,
        clientSecret: entraSecret,
        tenantId: CONTOSO.id,
        redirectUris: [`${publicUrl}/callback`],
        permissions: GRAPH_SCOPES,
      },
    ],
  })
  teardown(() => emulator.close())
  const caFile = join(await mkdtemp(join(tmpdir(), 'tools-graph-')), 'emulator-ca.pem')
  await writeFile(caFile, emulator.caPem)

  const redis = await getTestRedis()
  const prefix = uniquePrefix('tools-graph')
  const client = createTestRedisClient(redis.url)
  const store = createRedisStore({ redis: client, prefix })
  teardown(async () => {
    await cleanupPrefix(client, prefix)
    await store.close()
    client.disconnect()
  })

  const config = loadConfig(configSchema, {
    PUBLIC_URL: publicUrl,
    INTERNAL_API_SECRET: INTERNAL_SECRET,
    TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    COOKIE_SECRETS: randomBytes(32).toString('base64url'),
    ENTRA_AUTHORITY: emulator.issuer(CONTOSO.id),
    ENTRA_CLIENT_ID: entraClientId,
    ENTRA_CLIENT_SECRET: entraSecret,
    ENTRA_GRAPH_SCOPES: GRAPH_SCOPES.join(','),
    ENTRA_ALLOW_INSECURE_LOOPBACK: 'true',
    GRAPH_BASE_URL: emulator.graphBaseUrl,
    ENTRA_CA_FILE: caFile,
    LOG_LEVEL: 'silent',
  })
  const logger = pino({ level: 'silent' })
  const services = await createServices({ config, store, logger })
  teardown(() => services.close())
  const app = await buildApp({ services, logger })
  const internal = await buildInternalApp({ services, logger })
  await app.listen({ host: '127.0.0.1', port })
  await internal.listen({ host: '127.0.0.1', port: 0 })
  teardown(() => app.close())
  teardown(() => internal.close())
  const internalUrl = `http://127.0.0.1:${(internal.server.address() as AddressInfo).port}`

  const registered = await fetch(`${publicUrl}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: 'tools-graph test client',
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
    }),
  })
  if (registered.status !== 201) throw new Error(`DCR answered ${registered.status}`)
  const clientId = ((await registered.json()) as { client_id: string }).client_id
  const user = emulator.seed.demoUsers.find((u) => u.tenantId === CONTOSO.id)
  if (!user) throw new Error('the emulator has no Contoso demo user')
  const username = user.userPrincipalName

  async function signIn() {
    const browser = createBrowser()
    const verifier = randomBytes(32).toString('base64url')
    const authorize = new URL(`${publicUrl}/authorize`)
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state: randomBytes(12).toString('base64url'),
    }).toString()
    const atCallback = (u: string) => u.startsWith(`${publicUrl}/callback`) || u.startsWith(REDIRECT)
    const consent = await browser.get(authorize.href)
    if (consent.status !== 200) throw new Error(`authorize answered ${consent.status}`)
    const page = await consent.text()
    const field = (name: string) =>
      new RegExp(`name="${name}"[^>]*value="([^"]+)"`).exec(page)?.[1] ??
      new RegExp(`value="([^"]+)"[^>]*name="${name}"`).exec(page)?.[1] ??
      ''
    const posted = await browser.post(
      `${publicUrl}/consent`,
      { csrf_token: field('csrf_token'), request_id: field('request_id'), decision: 'approve' },
      { origin: publicUrl },
    )
    let hop = await browser.follow(posted.headers.get('location') ?? '', atCallback)
    if (!atCallback(hop.url)) {
      await hop.response.text()
      const login = await browser.post(hop.url, { login: username, password: DEMO_PASSWORD })
      hop = await browser.follow(hop.url, atCallback, login)
    }
    if (hop.url.startsWith(`${publicUrl}/callback`)) {
      const back = await browser.get(hop.url)
      hop = { url: back.headers.get('location') ?? '', response: back }
    }
    if (!hop.url.startsWith(REDIRECT)) throw new Error(`sign-in ended at ${hop.url}`)
    const code = new URL(hop.url).searchParams.get('code') ?? ''
    const issued = await fetch(`${publicUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
        client_id: clientId,
      }).toString(),
    })
    const body = (await issued.json()) as { access_token?: string }
    if (issued.status !== 200 || !body.access_token) throw new Error(`token answered ${issued.status}`)
    const claims = JSON.parse(Buffer.from(body.access_token.split('.')[1] ?? '', 'base64url').toString()) as {
      gid: string
      sub: string
    }
    return { accessToken: body.access_token, grantId: claims.gid, sub: claims.sub }
  }

  return {
    publicUrl,
    internalUrl,
    emulator,
    services,
    store,
    grantRevokedChannel: `${config.REDIS_PREFIX}auth:events:grant-revoked`,
    signIn,
  }
}
