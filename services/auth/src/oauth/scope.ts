// Scopes (RFC 6749 §3.3): a space-delimited list of scope-tokens, order-insensitive; the server
// may apply a default when none is asked. One scope by default: `mcp`, "use the MCP tools" (the
// Graph permissions live on the Entra side). `offline_access` is accepted and dropped, since a
// refresh token is always issued. A refresh may narrow the grant, never widen it (RFC 6749 §6;
// ATTACKS D31).
import { OAuthError } from './errors.js'

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/

export interface ScopePolicyOptions {
  /** Scopes the server grants. Default ['mcp']. */
  readonly supported?: readonly string[]
  /** Granted when the request names none. Default: every supported scope. */
  readonly defaults?: readonly string[]
  /** Accepted in requests but never granted. Default ['offline_access']. */
  readonly ignored?: readonly string[]
}

export interface ScopePolicy {
  readonly supported: readonly string[]
  /** Authorization request: the scopes to grant; OAuthError `invalid_scope`. */
  resolve(raw: string | undefined): readonly string[]
  /** Refresh request: omitted → the granted scopes; otherwise a subset of them. */
  narrow(raw: string | undefined, granted: readonly string[]): readonly string[]
}

/** Splits a scope string into distinct scope-tokens; OAuthError `invalid_scope` if malformed. */
export function parseScope(raw: string): readonly string[] {
  // Runs of spaces are tolerated (some clients pad); any other whitespace is malformed.
  const tokens = raw.split(' ').filter((token) => token !== '')
  for (const token of tokens) {
    if (!SCOPE_TOKEN.test(token)) throw new OAuthError('invalid_scope', 'scope is malformed')
  }
  return [...new Set(tokens)]
}

export const formatScope = (scopes: readonly string[]): string => scopes.join(' ')

export function createScopePolicy(options: ScopePolicyOptions = {}): ScopePolicy {
  const supported = options.supported ?? ['mcp']
  const defaults = options.defaults ?? supported
  const ignored = new Set(options.ignored ?? ['offline_access'])
  for (const scope of [...supported, ...defaults]) {
    if (!SCOPE_TOKEN.test(scope)) throw new TypeError(`not a valid scope-token: ${scope}`)
  }
  if (defaults.length === 0 || defaults.some((scope) => !supported.includes(scope))) {
    throw new TypeError('default scopes must be a non-empty subset of the supported scopes')
  }
  const requested = (raw: string) => parseScope(raw).filter((scope) => !ignored.has(scope))

  return {
    supported,
    resolve(raw) {
      const scopes = raw === undefined ? [] : requested(raw)
      if (scopes.length === 0) return defaults
      const unknown = scopes.filter((scope) => !supported.includes(scope))
      if (unknown.length > 0)
        throw new OAuthError('invalid_scope', 'scope names a scope this server does not grant')
      return scopes
    },
    narrow(raw, granted) {
      const scopes = raw === undefined ? [] : requested(raw)
      if (scopes.length === 0) return granted
      if (scopes.some((scope) => !granted.includes(scope))) {
        throw new OAuthError('invalid_scope', 'scope exceeds the scope originally granted')
      }
      return scopes
    },
  }
}
