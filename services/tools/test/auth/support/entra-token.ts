// A raw Microsoft Entra access token, obtained from the emulator the way any Entra app would get
// one (authorization code + PKCE with openid-client, the emulator's login page in a scripted
// browser). Sent to /mcp it must be refused: the tools service accepts only our own tokens, never
// an upstream token passed through (MCP 2025-11-25 "Access Token Privilege Restriction").
import { randomUUID } from 'node:crypto'
import { CONTOSO, DEMO_PASSWORD, type RunningEmulator } from '@m365mcp/entra-emulator'
import { createBrowser } from '@m365mcp/testing'
import * as oidc from 'openid-client'

const REDIRECT = 'http://127.0.0.1:33420/entra-callback'

export async function rawEntraAccessToken(emulator: RunningEmulator, username: string): Promise<string> {
  const clientId = randomUUID()
  const clientSecret = `entra-secret-${randomUUID()}`
  emulator.addClient({
    clientId,
    clientSecret,
    tenantId: CONTOSO.id,
    redirectUris: [REDIRECT],
    permissions: ['User.Read'],
  })
  const config = await oidc.discovery(
    new URL(emulator.issuer(CONTOSO.id)),
    clientId,
    undefined,
    oidc.ClientSecretPost(clientSecret),
    { execute: [oidc.allowInsecureRequests] },
  )
  const verifier = oidc.randomPKCECodeVerifier()
  const state = oidc.randomState()
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid offline_access User.Read',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  })
  const browser = createBrowser()
  const atApp = (u: string) => u.startsWith(REDIRECT)
  let hop = await browser.follow(url.href, atApp)
  if (!atApp(hop.url)) {
    await hop.response.text()
    const posted = await browser.post(hop.url, { login: username, password: DEMO_PASSWORD })
    hop = await browser.follow(hop.url, atApp, posted)
  }
  if (!atApp(hop.url)) throw new Error(`Entra sign-in ended at ${hop.url}`)
  const tokens = await oidc.authorizationCodeGrant(config, new URL(hop.url), {
    pkceCodeVerifier: verifier,
    expectedState: state,
  })
  return tokens.access_token
}
