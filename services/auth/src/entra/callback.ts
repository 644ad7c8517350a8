// The authorization response at our /callback (RFC 6749 §4.1.2, §4.1.2.1) and the code redemption
// (§4.1.3) with PKCE (RFC 7636 §4.5) and the ID token checks of OIDC Core §3.1.3.7, done by
// openid-client. Order matters: the state is compared before anything else so a forged or replayed
// callback (ATTACKS C20) triggers no request and reveals nothing; an error response (C24) is
// reported only after its state matched; nonce and PKCE bind the code to this transaction (C21).
import { timingSafeEqualString } from '@m365mcp/crypto'
import * as oidc from 'openid-client'
import type { EntraTransaction } from './authorize-request.js'
import { EntraError } from './errors.js'

/** RFC 6749 §4.1.2.1 / Appendix A.7: error = 1*( %x20-21 / %x23-5B / %x5D-7E ) */
const ERROR_CODE = /^[\x20\x21\x23-\x5B\x5D-\x7E]{1,64}$/
const MAX_PARAM_LENGTH = 4096
const SINGLE = ['state', 'code', 'error', 'error_description', 'error_uri', 'iss', 'session_state'] as const

function fail(message: string): never {
  throw new EntraError('invalid_callback', message)
}

/** Checks the callback's shape and state; returns its parameters re-homed on our redirect URI. */
export function checkCallback(callback: URL | string, transaction: EntraTransaction, redirectUri: URL): URL {
  const received = typeof callback === 'string' ? URL.parse(callback) : callback
  if (!received) fail('callback is not a URL')
  const params = received.searchParams
  for (const name of SINGLE) {
    if (params.getAll(name).length > 1) fail(`duplicate ${name} parameter`)
  }
  for (const [, value] of params) if (value.length > MAX_PARAM_LENGTH) fail('oversized callback parameter')
  if (received.hash.length > 1) fail('response parameters in the fragment (response_mode=query expected)')
  const state = params.get('state')
  if (state === null) fail('state missing')
  if (!timingSafeEqualString(state, transaction.state)) fail('state does not match this transaction')
  const error = params.get('error')
  if (error !== null) {
    if (!ERROR_CODE.test(error)) fail('malformed error parameter')
    if (params.has('code')) fail('both code and error present')
    throw new EntraError(
      error === 'access_denied' ? 'access_denied' : 'upstream_error',
      `authorization refused by Entra: ${error}`,
      { upstream: { error } },
    )
  }
  const code = params.get('code')
  if (code === null || code.length === 0) fail('code missing')
  // Token request's redirect_uri must be exactly the one we sent (RFC 6749 §4.1.3), whatever host
  // or path the callback reached us under behind a proxy.
  const current = new URL(redirectUri.href)
  for (const [name, value] of params) current.searchParams.append(name, value)
  return current
}

export async function redeemCode(
  config: oidc.Configuration,
  current: URL,
  transaction: EntraTransaction,
): Promise<oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers> {
  return oidc.authorizationCodeGrant(config, current, {
    expectedState: transaction.state,
    expectedNonce: transaction.nonce,
    pkceCodeVerifier: transaction.codeVerifier,
    idTokenExpected: true,
  })
}
