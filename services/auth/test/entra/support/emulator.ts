// Starts the Entra emulator in process with one app registration present in both tenants (a
// multi-tenant app's service principals), and builds EntraClients pointed at it.
import { randomUUID } from 'node:crypto'
import { CONTOSO, FABRIKAM, startEmulator } from '@m365mcp/entra-emulator'
import type { RunningEmulator } from '@m365mcp/entra-emulator'
import { pino } from 'pino'
import { createEntraClient } from '../../../src/entra/entra-client.js'
import type { CreateEntraClientOptions, EntraClient } from '../../../src/entra/entra-client.js'
import { createBrowser } from '@m365mcp/testing'
import { signIn } from './sign-in.js'

export const REDIRECT_URI = 'https://auth.example.test/callback'
export const CLIENT_SECRET = 'entra-leg-test-secret'
export const GRAPH_SCOPES = ['User.Read', 'People.Read']
export { CONTOSO, FABRIKAM }

export const silent = pino({ level: 'silent' })

/** Fast backoff for tests; the policy's shape is what production uses. */
export const FAST_RETRY = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 }

export interface TestEmulator {
  emulator: RunningEmulator
  clientId: string
  client(overrides?: Partial<CreateEntraClientOptions>): EntraClient
  user(upn: string): { id: string; mail: string; tenantId: string }
}

export async function startTestEmulator(teardown: (fn: () => Promise<void>) => void): Promise<TestEmulator> {
  const clientId = randomUUID()
  const registration = {
    clientId,
    clientSecret: CLIENT_SECRET,
    redirectUris: [REDIRECT_URI],
    permissions: GRAPH_SCOPES,
  }
  const emulator = await startEmulator({
    port: 0,
    graphPort: 0,
    adminEnabled: true,
    logger: silent,
    clients: [
      { ...registration, tenantId: CONTOSO.id },
      { ...registration, tenantId: FABRIKAM.id },
    ],
  })
  const clients: EntraClient[] = []
  teardown(async () => {
    await Promise.all(clients.map((c) => c.close()))
    await emulator.close()
  })
  return {
    emulator,
    clientId,
    client(overrides = {}) {
      const client = createEntraClient({
        authority: emulator.issuer(CONTOSO.id),
        clientId,
        credential: { kind: 'secret', secret: CLIENT_SECRET },
        redirectUri: REDIRECT_URI,
        graphScopes: GRAPH_SCOPES,
        graphBaseUrl: emulator.graphBaseUrl,
        ca: emulator.caPem,
        allowInsecureLoopbackAuthority: true,
        timeoutMs: 5_000,
        retry: FAST_RETRY,
        logger: silent,
        ...overrides,
      })
      clients.push(client)
      return client
    },
    user(upn) {
      const user = emulator.seed.users.find((u) => u.userPrincipalName === upn)
      if (!user) throw new Error(`no seed user ${upn}`)
      return user
    },
  }
}

/** Starts a sign-in with `client` and drives the emulator's login page as `upn`. */
export async function browserSignIn(client: EntraClient, upn: string) {
  const start = await client.startAuthorization()
  const callbackUrl = await signIn(createBrowser(), start.url, REDIRECT_URI, upn)
  return { ...start, callbackUrl }
}
