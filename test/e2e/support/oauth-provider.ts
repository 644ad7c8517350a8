// The application's part of the MCP SDK 1.x OAuth client (OAuthClientProvider): in-memory storage
// of the registration, tokens and PKCE verifier, a public client on a loopback redirect (as a CLI or
// desktop client is), and a "browser" that walks consent and the emulator login when the SDK asks
// for it. The SDK does everything else: discovery from the 401, DCR, PKCE, the code exchange and the
// refresh.
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js'
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js'
import { approveInBrowser } from './approve-in-browser.js'

export const SDK_REDIRECT = 'http://127.0.0.1:33418/oauth/callback'

export interface E2eProvider extends OAuthClientProvider {
  readonly held: {
    client?: OAuthClientInformationMixed
    tokens?: OAuthTokens
    verifier?: string
    /** The authorization URL the SDK built, and where the browser landed (code, state, iss). */
    authorizationUrl?: URL
    landed?: URL
    redirects: number
  }
}

export function createE2eProvider(publicUrl: string, username: string, clientName: string): E2eProvider {
  const held: E2eProvider['held'] = { redirects: 0 }
  const clientMetadata: OAuthClientMetadata = {
    client_name: clientName,
    redirect_uris: [SDK_REDIRECT],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  }
  return {
    held,
    get redirectUrl() {
      return SDK_REDIRECT
    },
    clientMetadata,
    clientInformation: () => held.client,
    saveClientInformation: (info) => {
      held.client = info
    },
    tokens: () => held.tokens,
    saveTokens: (tokens) => {
      held.tokens = tokens
    },
    saveCodeVerifier: (verifier) => {
      held.verifier = verifier
    },
    codeVerifier: () => {
      if (held.verifier === undefined) throw new Error('no code verifier saved')
      return held.verifier
    },
    redirectToAuthorization: async (url) => {
      held.redirects++
      held.authorizationUrl = url
      held.landed = await approveInBrowser({
        publicUrl,
        authorizationUrl: url.href,
        redirectUri: SDK_REDIRECT,
        username,
      })
    },
  }
}
