// Graph's error vocabulary. Every failure leaves the emulator as Graph's JSON error body
// `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`
// (https://learn.microsoft.com/graph/errors). Codes differ by the workload behind a path:
// the directory (Entra) says `Request_*`/`Authorization_*`, Outlook says `Error*`, OneDrive
// uses camelCase codes; routes pick the family their real counterpart belongs to.

export type GraphWorkload = 'directory' | 'outlook' | 'drive'

export class GraphError extends Error {
  readonly status: number
  readonly code: string
  /** Extra response headers, e.g. Retry-After or WWW-Authenticate. */
  readonly headers: Readonly<Record<string, string>>

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message)
    this.name = 'GraphError'
    this.status = status
    this.code = code
    this.headers = headers
  }
}

export interface GraphErrorBody {
  error: {
    code: string
    message: string
    innerError: { date: string; 'request-id': string; 'client-request-id': string }
  }
}

/** Graph's innerError date: ISO 8601 UTC without fraction or zone designator. */
export function innerErrorDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19)
}

export function graphErrorBody(
  code: string,
  message: string,
  ids: { requestId: string; clientRequestId: string },
  nowMs: number,
): GraphErrorBody {
  return {
    error: {
      code,
      message,
      innerError: {
        date: innerErrorDate(nowMs),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  }
}

/** 403 for a token whose `scp` lacks every permission the endpoint accepts. */
export function accessDenied(workload: GraphWorkload): GraphError {
  switch (workload) {
    case 'directory':
      return new GraphError(
        403,
        'Authorization_RequestDenied',
        'Insufficient privileges to complete the operation.',
      )
    case 'outlook':
      return new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.')
    case 'drive':
      return new GraphError(403, 'accessDenied', 'Access denied')
  }
}

/** 404 for an id that names nothing the caller can see. */
export function notFound(workload: GraphWorkload, resource: string): GraphError {
  switch (workload) {
    case 'directory':
      return new GraphError(
        404,
        'Request_ResourceNotFound',
        `Resource '${resource}' does not exist or one of its queried reference-property objects are not present.`,
      )
    case 'outlook':
      return new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.')
    case 'drive':
      return new GraphError(404, 'itemNotFound', 'The resource could not be found.')
  }
}

/** 400 for a malformed query option or body, in the workload's vocabulary. */
export function badRequest(workload: GraphWorkload, message: string): GraphError {
  switch (workload) {
    case 'directory':
      return new GraphError(400, 'Request_BadRequest', message)
    case 'outlook':
      return new GraphError(400, 'ErrorInvalidRequest', message)
    case 'drive':
      return new GraphError(400, 'invalidRequest', message)
  }
}

/** 400 for a query the directory understands but does not support (unsupported $filter, $search rules). */
export function unsupportedQuery(message = 'Unsupported Query.'): GraphError {
  return new GraphError(400, 'Request_UnsupportedQuery', message)
}

/** The body Graph returns when JSON cannot be read. */
export function unreadableBody(): GraphError {
  return new GraphError(
    400,
    'BadRequest',
    'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
  )
}
