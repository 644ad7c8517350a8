// The authorization request to Entra (RFC 6749 §4.1.1, OIDC Core §3.1.2.1): code flow with PKCE S256
// (RFC 7636 §4.2), a fresh 256-bit state (RFC 9700 §4.7.1) and nonce, response_mode=query, the
// OIDC scopes plus the configured Graph scopes. Never `resource`: Entra v2 refuses it (AADSTS901002)
// and the scopes already name Graph. No `prompt` unless the caller asks: Entra's session cookie then
// signs a returning user in silently.
import * as oidc from 'openid-client'

export type EntraPrompt = 'login' | 'select_account' | 'consent'

export interface StartAuthorizationInput {
  /** Pre-fills the username (OIDC Core §3.1.2.1 login_hint); never identifies the user. */
  loginHint?: string
  prompt?: EntraPrompt
}

/** Kept server-side between the redirect to Entra and the callback; never sent to the browser. */
export interface EntraTransaction {
  state: string
  nonce: string
  codeVerifier: string
}

export interface AuthorizationStart {
  url: URL
  transaction: EntraTransaction
}

const PROMPTS: ReadonlySet<string> = new Set(['login', 'select_account', 'consent'])

export async function buildAuthorizationRequest(
  config: oidc.Configuration,
  request: { redirectUri: URL; scope: string },
  input: StartAuthorizationInput,
): Promise<AuthorizationStart> {
  if (input.prompt !== undefined && !PROMPTS.has(input.prompt)) throw new TypeError('unsupported prompt')
  if (input.loginHint !== undefined && (input.loginHint.length === 0 || input.loginHint.length > 256)) {
    throw new TypeError('loginHint must be 1 to 256 characters')
  }
  const transaction: EntraTransaction = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
  }
  const parameters: Record<string, string> = {
    redirect_uri: request.redirectUri.href,
    response_type: 'code',
    response_mode: 'query',
    scope: request.scope,
    state: transaction.state,
    nonce: transaction.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(transaction.codeVerifier),
    code_challenge_method: 'S256',
  }
  if (input.loginHint !== undefined) parameters.login_hint = input.loginHint
  if (input.prompt !== undefined) parameters.prompt = input.prompt
  return { url: oidc.buildAuthorizationUrl(config, parameters), transaction }
}
