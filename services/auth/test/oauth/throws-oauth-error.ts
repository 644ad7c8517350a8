// Test helper: asserts that `fn` throws an OAuthError (or a subclass) with the given RFC code.
import type { Test } from 'tap'
import { OAuthError, type OAuthErrorCode } from '../../src/oauth/errors.js'

export function throwsOAuthError(
  t: Test,
  fn: () => unknown,
  code: OAuthErrorCode,
  name: string,
  type: typeof OAuthError = OAuthError,
): OAuthError | undefined {
  try {
    fn()
  } catch (error) {
    t.ok(error instanceof type, `${name}: throws ${type.name}`)
    t.equal((error as OAuthError).error, code, `${name}: ${code}`)
    return error as OAuthError
  }
  t.fail(`${name}: expected ${code}, nothing was thrown`)
  return undefined
}
