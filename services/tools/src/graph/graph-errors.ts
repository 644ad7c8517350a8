// Turns whatever a Graph call threw into a ToolError the model may read. The details that help an
// operator (status, Graph error code, request-id, client-request-id, upstream message) go to the
// injected logger; the model gets curated text and a stable code (https://learn.microsoft.com/graph/errors).
import { GraphClientError, GraphError } from '@microsoft/microsoft-graph-client'
import type { Logger } from '@m365mcp/logger'
import { parseRetryAfter } from './retry-after.js'
import { TokenExchangeError } from './token-exchange-error.js'
import { ToolError } from './tool-error.js'

export interface GraphErrorContext {
  /** Delegated permissions the endpoint accepts (any one suffices), least privileged first. */
  permissions?: readonly string[]
  /** A short description of the operation for the logs, e.g. `GET /me/messages`. */
  operation?: string
  logger: Pick<Logger, 'warn' | 'error'>
  now?: () => number
}

// Graph's 400 codes that mean "this query shape is not supported", as opposed to a malformed value.
const UNSUPPORTED_QUERY = new Set(['Request_UnsupportedQuery', 'ErrorInvalidUrlQueryFilter'])

export function toToolError(error: unknown, context: GraphErrorContext): ToolError {
  if (error instanceof ToolError) return error
  const now = context.now ?? Date.now
  if (error instanceof TokenExchangeError) return fromTokenExchange(error, context)
  if (!(error instanceof GraphError)) {
    context.logger.error({ err: error, operation: context.operation }, 'graph call failed')
    if (error instanceof GraphClientError) {
      return new ToolError('internal', 'The request to Microsoft 365 could not be built.', { cause: error })
    }
    return new ToolError('internal', 'The Microsoft 365 request failed unexpectedly.', { cause: error })
  }
  const status = error.statusCode
  context.logger.warn(
    {
      operation: context.operation,
      status,
      graphCode: error.code,
      requestId: error.requestId ?? error.headers?.get('request-id') ?? undefined,
      clientRequestId: error.headers?.get('client-request-id') ?? undefined,
      graphMessage: error.message,
    },
    'graph call failed',
  )
  const retryAfter = parseRetryAfter(error.headers?.get('retry-after'), now())
  const options = { cause: error }
  if (status === 400) {
    const reason = UNSUPPORTED_QUERY.has(error.code ?? '')
      ? 'Microsoft Graph does not support this query for this data; simplify the filter or search.'
      : 'Microsoft Graph rejected the request as invalid; check the arguments (ids, dates, search text).'
    return new ToolError('bad_request', reason, options)
  }
  if (status === 401) {
    return new ToolError(
      'reauth_required',
      'The Microsoft 365 session is no longer valid. The user needs to sign in again.',
      options,
    )
  }
  if (status === 403) return permissionMissing(context.permissions, error)
  if (status === 404) {
    return new ToolError(
      'not_found',
      'The requested item was not found, or this user cannot see it.',
      options,
    )
  }
  if (status === 429) {
    const seconds = Math.max(1, Math.ceil(retryAfter ?? 30))
    return new ToolError(
      'throttled',
      `Microsoft Graph is throttling requests for this user. Retry in about ${seconds} seconds.`,
      { ...options, retryAfterSeconds: seconds },
    )
  }
  if (status >= 500 || status === -1) {
    const seconds = retryAfter === undefined ? undefined : Math.max(1, Math.ceil(retryAfter))
    const when = seconds === undefined ? 'shortly' : `in about ${seconds} seconds`
    return new ToolError('upstream_unavailable', `Microsoft 365 is not answering right now. Retry ${when}.`, {
      ...options,
      ...(seconds === undefined ? {} : { retryAfterSeconds: seconds }),
    })
  }
  if (status >= 400 && status < 500) {
    return new ToolError('bad_request', 'Microsoft Graph refused the request as it was made.', options)
  }
  return new ToolError('internal', 'The Microsoft 365 request failed unexpectedly.', options)
}

function permissionMissing(permissions: readonly string[] | undefined, cause: unknown): ToolError {
  const needed =
    permissions === undefined || permissions.length === 0
      ? 'a delegated Microsoft Graph permission this app was not granted'
      : permissions.length === 1
        ? `the delegated Microsoft Graph permission ${permissions[0]}`
        : `one of the delegated Microsoft Graph permissions ${permissions.join(', ')}`
  return new ToolError(
    'permission_missing',
    `Access denied: this needs ${needed}. An administrator may need to grant consent for it.`,
    { cause, ...(permissions === undefined ? {} : { permissions }) },
  )
}

function fromTokenExchange(error: TokenExchangeError, context: GraphErrorContext): ToolError {
  context.logger.warn({ err: error, operation: context.operation }, 'graph token exchange failed')
  switch (error.code) {
    case 'reauth_required':
      return new ToolError(
        'reauth_required',
        'The Microsoft 365 sign-in of this user has ended. The user needs to sign in again.',
        { cause: error },
      )
    case 'unavailable':
      return new ToolError(
        'upstream_unavailable',
        'Microsoft 365 sign-in is not answering right now. Retry shortly.',
        {
          cause: error,
        },
      )
    case 'internal':
      return new ToolError('internal', 'The Microsoft 365 request failed unexpectedly.', { cause: error })
  }
}
