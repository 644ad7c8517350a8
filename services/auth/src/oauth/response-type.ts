// response_type (RFC 6749 §3.1.1, OAuth 2.1 §4.1.1): only the authorization code flow exists
// here. The implicit (`token`) and hybrid/OIDC (`id_token`, `code token`, …) types were removed by
// OAuth 2.1 and RFC 9700 §2.1.2 (ATTACKS A8). The value is compared as a whole: RFC 6749 §3.1.1
// makes space-separated values order-insensitive, and every combination contains a refused type.
import { OAuthError } from './errors.js'

export type ResponseType = 'code'

export function parseResponseType(value: string | undefined): ResponseType {
  if (value === undefined) throw new OAuthError('invalid_request', 'response_type is required')
  if (value !== 'code') {
    throw new OAuthError('unsupported_response_type', 'only response_type=code is supported')
  }
  return value
}
