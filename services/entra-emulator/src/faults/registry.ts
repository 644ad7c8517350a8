// Fault injection for tests: rules that make a Graph route or a token grant fail the way Entra and
// Graph fail in production. Reachable over HTTP only when the admin API is enabled (never by default).

export type FaultKind =
  | 'throttle' // 429 with Retry-After (seconds, may be fractional)
  | 'unavailable' // 503 with Retry-After
  | 'expired_token' // Graph 401 InvalidAuthenticationToken, as for an expired access token
  | 'access_denied' // Graph 403 in the workload's vocabulary, as when admin consent was withdrawn
  | 'invalid_grant' // token endpoint 400 invalid_grant AADSTS700082 (refresh token expired/revoked)
  | 'consent_required' // token endpoint 400 consent_required AADSTS65001
  | 'interaction_required' // token endpoint 400 interaction_required AADSTS50076

/**
 * target: `graph:*`, `graph:<path>` (matches that Graph path and everything under it, e.g.
 * `graph:/me/messages`), `token:*`, `token:refresh_token` or `token:authorization_code`.
 */
export interface FaultRuleInput {
  target: string
  kind: FaultKind
  /** Only this user's requests (object id), else everyone's. */
  userId?: string
  retryAfter?: number
  /** How many requests it applies to; unset means until cleared. */
  times?: number
}

export interface FaultRule extends FaultRuleInput {
  id: number
  hits: number
}

export interface FaultRegistry {
  add(input: FaultRuleInput): FaultRule
  list(): FaultRule[]
  clear(): void
  /** The first live rule matching target and user; counts the hit and retires exhausted rules. */
  take(target: string, userId?: string): FaultRule | undefined
}

function targetMatches(pattern: string, target: string): boolean {
  if (pattern === target) return true
  if (pattern.endsWith(':*')) return target.startsWith(pattern.slice(0, -1))
  return target.startsWith(`${pattern}/`)
}

export function createFaultRegistry(): FaultRegistry {
  let rules: FaultRule[] = []
  let nextId = 1
  return {
    add(input) {
      const rule: FaultRule = { ...input, id: nextId++, hits: 0 }
      rules.push(rule)
      return rule
    },
    list: () => rules.map((r) => ({ ...r })),
    clear() {
      rules = []
    },
    take(target, userId) {
      const rule = rules.find(
        (r) => targetMatches(r.target, target) && (r.userId === undefined || r.userId === userId),
      )
      if (!rule) return undefined
      rule.hits++
      if (rule.times !== undefined && rule.hits >= rule.times) rules = rules.filter((r) => r !== rule)
      return { ...rule }
    },
  }
}
