import t from 'tap'
import { parseResponseType } from '../../src/oauth/response-type.js'
import { throwsOAuthError } from './throws-oauth-error.js'

t.test('response_type: code is the only accepted type (OAuth 2.1 §4.1.1)', async (t) => {
  t.equal(parseResponseType('code'), 'code')
})

t.test('A8: response_type token, id_token and code token are unsupported_response_type', async (t) => {
  for (const value of [
    'token',
    'id_token',
    'code token',
    'token code',
    'code id_token',
    'code id_token token',
    'none',
    'CODE',
    'code ',
  ]) {
    throwsOAuthError(t, () => parseResponseType(value), 'unsupported_response_type', JSON.stringify(value))
  }
})

t.test('response_type: a missing value is invalid_request (RFC 6749 §4.1.2.1)', async (t) => {
  throwsOAuthError(t, () => parseResponseType(undefined), 'invalid_request', 'missing')
})
