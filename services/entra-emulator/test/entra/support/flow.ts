// The product's side of the flow, done with openid-client exactly as the auth service does it.
import * as client from 'openid-client'
import type { EmulatorClient } from '../../../src/entra/app.js'
import { CONTOSO } from '../../../src/entra/tenants.js'
import { createBrowser } from '@m365mcp/testing'
import type { Browser } from '@m365mcp/testing'
import { CLIENT_SECRET } from './identity-server.js'
import type { IdentityServer } from './identity-server.js'
import { signIn } from './sign-in.js'

export interface TestApp {
  registration: EmulatorClient
  config: client.Configuration
  redirectUri: string
}

export async function discover(
  server: IdentityServer,
  registration: EmulatorClient,
  auth: client.ClientAuth = client.ClientSecretPost(CLIENT_SECRET),
  tenantId: string = registration.tenantId,
): Promise<client.Configuration> {
  return client.discovery(new URL(server.issuer(tenantId)), registration.clientId, undefined, auth, {
    execute: [client.allowInsecureRequests],
  })
}

export async function testApp(
  server: IdentityServer,
  overrides: Partial<EmulatorClient> = {},
  auth?: client.ClientAuth,
): Promise<TestApp> {
  const registration = server.client(overrides)
  const config = await discover(server, registration, auth)
  return { registration, config, redirectUri: registration.redirectUris[0] ?? '' }
}

export interface AuthorizeOptions {
  scope?: string
  username?: string
  password?: string
  browser?: Browser
  params?: Record<string, string>
}

export interface Authorized {
  callbackUrl: URL
  verifier: string
  state: string
  nonce: string
  sawLoginPage: boolean
  browser: Browser
}

export const DEFAULT_SCOPE = 'openid profile email offline_access User.Read'

export async function authorizationUrl(
  app: TestApp,
  options: AuthorizeOptions = {},
): Promise<{ url: URL; verifier: string; state: string; nonce: string }> {
  const verifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const url = client.buildAuthorizationUrl(app.config, {
    redirect_uri: app.redirectUri,
    scope: options.scope ?? DEFAULT_SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...options.params,
  })
  return { url, verifier, state, nonce }
}

export async function authorize(
  server: IdentityServer,
  app: TestApp,
  options: AuthorizeOptions = {},
): Promise<Authorized> {
  const browser = options.browser ?? createBrowser()
  const { url, verifier, state, nonce } = await authorizationUrl(app, options)
  const username = options.username ?? server.seed.demoUsers[0]?.userPrincipalName ?? ''
  const result = await signIn(browser, url, app.redirectUri, { username, password: options.password })
  return { ...result, verifier, state, nonce, browser }
}

export async function codeFlow(
  server: IdentityServer,
  app: TestApp,
  options: AuthorizeOptions = {},
): Promise<{
  tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers
  authorized: Authorized
}> {
  const authorized = await authorize(server, app, options)
  const tokens = await client.authorizationCodeGrant(app.config, authorized.callbackUrl, {
    pkceCodeVerifier: authorized.verifier,
    expectedState: authorized.state,
    expectedNonce: authorized.nonce,
  })
  return { tokens, authorized }
}

export { CONTOSO }
