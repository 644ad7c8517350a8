// Maps what openid-client, undici and Entra throw to an EntraError. Entra's token endpoint errors
// are RFC 6749 §5.2 bodies with `error_codes` (AADSTS numbers) and sometimes `suberror`.
// https://learn.microsoft.com/entra/identity-platform/reference-error-codes#handling-error-codes-in-your-application
import { ClientError, ResponseBodyError } from 'openid-client'
import { TransportError } from './entra-fetch.js'
import { EntraError } from './errors.js'
import type { UpstreamErrorInfo } from './errors.js'
import { parseRetryAfter } from './retry.js'

/** Where the failure happened: the same `invalid_grant` means a bad code or a dead refresh token. */
export type EntraOperation = 'discovery' | 'code' | 'refresh' | 'profile'

/**
 * A dead refresh token: the user must sign in again. AADSTS700082 expired by inactivity, 50173
 * revoked (password reset), 70008 expired, 65001 consent missing, 50076/50079 MFA, 50158
 * conditional access, 530003 device.
 */
const REAUTH_ERRORS = new Set(['invalid_grant', 'interaction_required', 'consent_required', 'login_required'])
const REAUTH_AADSTS = new Set([700082, 50173, 70008, 65001, 50076, 50079, 50158, 530003])

function findInChain<T>(err: unknown, match: (e: unknown) => e is T): T | undefined {
  for (let current = err, depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    if (match(current)) return current
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

const isTransport = (e: unknown): e is TransportError => e instanceof TransportError
const isResponse = (e: unknown): e is Response =>
  typeof e === 'object' && e !== null && Object.prototype.toString.call(e) === '[object Response]'

function bodyInfo(err: ResponseBodyError): UpstreamErrorInfo {
  const body = err.cause as Record<string, unknown>
  const codes = Array.isArray(body.error_codes) ? body.error_codes.filter((c) => Number.isInteger(c)) : []
  return {
    status: err.status,
    error: err.error,
    ...(typeof body.suberror === 'string' ? { suberror: body.suberror } : {}),
    ...(codes.length > 0 ? { aadsts: codes as number[] } : {}),
  }
}

function isTransientStatus(status: number | undefined): boolean {
  return status === 429 || (status !== undefined && status >= 500)
}

function retryAfterOf(response: Response | undefined, now: number): number | undefined {
  return response ? parseRetryAfter(response.headers.get('retry-after'), now) : undefined
}

export function classifyEntraError(err: unknown, operation: EntraOperation, now: number): EntraError {
  if (err instanceof EntraError) return err
  const transport = findInChain(err, isTransport)
  if (transport) {
    return new EntraError('transient', `${operation}: ${transport.message}`, { cause: err })
  }
  if (err instanceof ResponseBodyError) {
    const upstream = bodyInfo(err)
    const message = `${operation}: Entra answered ${err.status} ${err.error}`
    if (isTransientStatus(err.status) || err.error === 'temporarily_unavailable') {
      const retryAfterMs = retryAfterOf(err.response, now)
      return new EntraError('transient', message, {
        upstream,
        cause: err,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      })
    }
    if (operation === 'refresh') {
      const reauth =
        REAUTH_ERRORS.has(err.error) ||
        upstream.suberror === 'consent_required' ||
        (upstream.aadsts ?? []).some((c) => REAUTH_AADSTS.has(c))
      if (reauth) return new EntraError('reauth_required', message, { upstream, cause: err })
    }
    if (operation === 'code' && err.error === 'invalid_grant') {
      return new EntraError('code_rejected', message, { upstream, cause: err })
    }
    return new EntraError('upstream_error', message, { upstream, cause: err })
  }
  const response = findInChain(err, isResponse)
  if (response && isTransientStatus(response.status)) {
    const retryAfterMs = retryAfterOf(response, now)
    return new EntraError('transient', `${operation}: HTTP ${response.status}`, {
      upstream: { status: response.status },
      cause: err,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    })
  }
  if (operation === 'code' && err instanceof ClientError && !response) {
    // The token endpoint answered 200 but its response (above all the ID token) failed validation.
    return new EntraError('invalid_token_response', `code: ${err.message}`, { cause: err })
  }
  const status = response ? { upstream: { status: response.status } } : {}
  return new EntraError('upstream_error', `${operation}: ${err instanceof Error ? err.message : 'failed'}`, {
    ...status,
    cause: err,
  })
}
