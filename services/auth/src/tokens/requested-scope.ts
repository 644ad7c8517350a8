// Scope and resource of a refresh request. RFC 6749 §6: the requested scope must not include any
// scope not originally granted (else invalid_scope, §5.2); RFC 8707 §2.2: a resource other than the
// grant's is invalid_target. Scope syntax is RFC 6749 §3.3 (NQCHAR tokens separated by spaces).
import { TokenGrantError } from './token-grant-error.js'

const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/

/** The scope of the token to issue: the requested subset, or the whole grant when none was asked. */
export function narrowScope(requested: string | undefined, granted: string): string {
  if (requested === undefined) return granted
  const asked = requested.split(' ')
  if (requested === '' || !asked.every((token) => SCOPE_TOKEN.test(token))) {
    throw new TokenGrantError('invalid_scope', 'scope_broadened')
  }
  const allowed = new Set(granted.split(' ').filter((token) => token !== ''))
  if (!asked.every((token) => allowed.has(token)))
    throw new TokenGrantError('invalid_scope', 'scope_broadened')
  return [...new Set(asked)].join(' ')
}

export function checkResource(requested: string | undefined, granted: string): void {
  if (requested !== undefined && requested !== granted) {
    throw new TokenGrantError('invalid_target', 'resource_changed')
  }
}
