// Injected token endpoint failures (see ../faults/registry.ts), answered as Entra answers them.
import type { FaultRule } from '../faults/registry.js'
import { aadsts } from './aadsts.js'
import type { EntraError } from './entra-error.js'

export type TokenFaultTarget = 'token:refresh_token' | 'token:authorization_code'

export interface TokenFaultContext {
  target: TokenFaultTarget
  clientId: string
  appName: string
  /** Issue time (epoch seconds) of the presented refresh token, for AADSTS700082's message. */
  issuedAt?: number
  now: number
}

/** Default delay when a rule sets none: short, so tests that honour it stay fast. */
const DEFAULT_RETRY_AFTER = 1

export function tokenFaultError(rule: FaultRule, context: TokenFaultContext): EntraError | undefined {
  switch (rule.kind) {
    case 'invalid_grant':
      if (context.target === 'token:authorization_code') return aadsts.codeExpired()
      return context.issuedAt === undefined
        ? aadsts.refreshTokenInactive()
        : aadsts.refreshTokenInactive(context.issuedAt, Math.floor(context.now / 1000) - context.issuedAt)
    case 'consent_required':
      return aadsts.consentRequired(context.clientId, context.appName)
    case 'interaction_required':
      return aadsts.mfaRequired()
    case 'throttle':
      return aadsts.throttled(rule.retryAfter ?? DEFAULT_RETRY_AFTER)
    case 'unavailable':
      return aadsts.unavailable(rule.retryAfter ?? DEFAULT_RETRY_AFTER)
    case 'expired_token':
    case 'access_denied':
      return undefined // Graph faults; the admin API refuses them for token targets
  }
}
