// Graph compares permission (scope) names case-insensitively, and the token exchange reports them
// as Entra returned them, so `Mail.Read` and `mail.read` are the same grant here too.

/** A lookup over the scopes granted to one grant. */
export interface GrantedScopes {
  has(permission: string): boolean
  /** True when `permissions` is empty (the tool calls no Graph API) or any one is granted. */
  allowsAnyOf(permissions: readonly string[]): boolean
}

export function grantedScopes(scopes: readonly string[]): GrantedScopes {
  const granted = new Set(scopes.map((scope) => scope.toLowerCase()))
  const has = (permission: string): boolean => granted.has(permission.toLowerCase())
  return {
    has,
    allowsAnyOf: (permissions) => permissions.length === 0 || permissions.some(has),
  }
}
