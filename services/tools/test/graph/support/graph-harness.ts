// The real emulator (Graph over HTTPS with its per-run CA) and a Graph access token for a demo user,
// obtained with openid-client's authorization code flow the way the auth service does it. For the
// Graph-client tests that do not need the auth service's token exchange.
import * as client from 'openid-client'
import pino from 'pino'
import { CONTOSO, DEMO_PASSWORD, startEmulator, type RunningEmulator } from '@m365mcp/entra-emulator'
import { createBrowser } from '@m365mcp/testing'

const CLIENT_ID = '5d3f2a1b-7c8e-4f90-a1b2-c3d4e5f60718'
const SECRET = 'tools-graph-test-secret'
const REDIRECT = 'http://localhost:8799/callback'

/** The app registration's permissions: User.Read.All (directory paging), not Mail.Read. */
export const GRANTED = ['User.Read', 'User.Read.All', 'People.Read']

export interface GraphHarness {
  emulator: RunningEmulator
  /** A fresh Graph access token of a Contoso demo user (index into the tenant's demo users). */
  graphToken(userIndex?: number): Promise<{ accessToken: string; userId: string }>
}

type Teardown = (fn: () => Promise<void> | void) => void

export async function startGraphHarness(teardown: Teardown): Promise<GraphHarness> {
  const emulator = await startEmulator({
    port: 0,
    graphPort: 0,
    logger: pino({ level: 'silent' }),
    clients: [
      {
        clientId: CLIENT_ID,
        clientSecret: SECRET,
        tenantId: CONTOSO.id,
        redirectUris: [REDIRECT],
        permissions: GRANTED,
      },
    ],
  })
  teardown(() => emulator.close())
  const config = await client.discovery(
    new URL(emulator.issuer(CONTOSO.id)),
    CLIENT_ID,
    undefined,
    client.ClientSecretBasic(SECRET),
    { execute: [client.allowInsecureRequests] },
  )
  const users = emulator.seed.demoUsers.filter((u) => u.tenantId === CONTOSO.id)

  async function graphToken(userIndex = 0) {
    const user = users[userIndex]
    if (!user) throw new Error(`no Contoso demo user #${userIndex}`)
    const verifier = client.randomPKCECodeVerifier()
    const state = client.randomState()
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid profile offline_access https://graph.microsoft.com/.default',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    })
    const browser = createBrowser()
    const atApp = (u: string) => u.startsWith(REDIRECT)
    const start = await browser.follow(url.href, atApp)
    let end = start
    if (!atApp(start.url)) {
      await start.response.text()
      const posted = await browser.post(start.url, { login: user.userPrincipalName, password: DEMO_PASSWORD })
      end = await browser.follow(start.url, atApp, posted)
    }
    if (!atApp(end.url)) throw new Error(`sign-in ended at ${end.url} (${end.response.status})`)
    const tokens = await client.authorizationCodeGrant(config, new URL(end.url), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    })
    return { accessToken: tokens.access_token, userId: user.id }
  }

  return { emulator, graphToken }
}
