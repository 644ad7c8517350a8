// The shape of Entra ID error responses: an OAuth 2.0 `error` code (RFC 6749 §5.2, §4.1.2.1) plus an
// AADSTS number whose text opens `error_description`, followed by trace id, correlation id and
// timestamp, exactly as the Microsoft identity platform writes them.
// https://learn.microsoft.com/entra/identity-platform/reference-error-codes
import { randomUUID } from 'node:crypto'

export interface EntraError {
  /** HTTP status of a direct (non-redirect) response. */
  status: number
  /** OAuth 2.0 error code, e.g. `invalid_grant`. */
  error: string
  /** The AADSTS number, e.g. 700082. */
  code: number
  /** The text after `AADSTSnnnn: `. */
  message: string
  /** Entra's finer classification (`consent_required`, `basic_action`, …). */
  suberror?: string
  /** Seconds, sent as `Retry-After` (throttling and outages). */
  retryAfter?: number
}

export interface RequestIds {
  traceId: string
  correlationId: string
}

export interface EntraErrorBody {
  error: string
  error_description: string
  error_codes: number[]
  timestamp: string
  trace_id: string
  correlation_id: string
  error_uri: string
  suberror?: string
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Entra echoes a caller's `client-request-id` (a GUID) as the correlation id; the trace id is its own. */
export function requestIds(headers: Record<string, string | string[] | undefined>): RequestIds {
  const sent = headers['client-request-id']
  const correlationId = typeof sent === 'string' && GUID.test(sent) ? sent.toLowerCase() : randomUUID()
  return { traceId: randomUUID(), correlationId }
}

/** `2024-05-01 10:00:00Z`, the format of Entra's `timestamp` member. */
export function entraTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}Z`
}

export function errorUri(code: number): string {
  return `https://login.microsoftonline.com/error?code=${code}`
}

export function errorDescription(err: EntraError, ids: RequestIds, now: number): string {
  return (
    `AADSTS${err.code}: ${err.message}\r\nTrace ID: ${ids.traceId}\r\n` +
    `Correlation ID: ${ids.correlationId}\r\nTimestamp: ${entraTimestamp(now)}`
  )
}

export function entraErrorBody(err: EntraError, ids: RequestIds, now: number): EntraErrorBody {
  return {
    error: err.error,
    error_description: errorDescription(err, ids, now),
    error_codes: [err.code],
    timestamp: entraTimestamp(now),
    trace_id: ids.traceId,
    correlation_id: ids.correlationId,
    error_uri: errorUri(err.code),
    ...(err.suberror === undefined ? {} : { suberror: err.suberror }),
  }
}

/** Headers Entra sends with every answer, plus `Retry-After` when the error carries one. */
export function entraHeaders(ids: RequestIds, err?: EntraError): Record<string, string> {
  return {
    'x-ms-request-id': ids.traceId,
    'client-request-id': ids.correlationId,
    ...(err?.retryAfter === undefined ? {} : { 'retry-after': String(err.retryAfter) }),
  }
}
