// The one error handler of the JSON endpoints: exposed errors (status < 500) render their public
// fields in the RFC 6749 §5.2 shape; everything else becomes a generic server_error. Details and
// causes are logged, never sent (STYLE §3).
import { StoreUnavailableError } from '@m365mcp/store'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { OAuthError } from '../oauth/errors.js'
import { TokenGrantError } from '../tokens/token-grant-error.js'
import { AccessTokenError } from '../tokens/verify-access-token.js'

export interface PublicError {
  status: number
  body: { error: string; error_description?: string }
  headers?: Record<string, string>
}

export function toPublicError(error: unknown): PublicError | undefined {
  if (error instanceof OAuthError) {
    // temporarily_unavailable (RFC 6749 §4.1.2.1, 503) is a server-side state the caller must see
    // to retry (an upstream outage); its description is public text like any other.
    const transient = error.error === 'temporarily_unavailable' && error.status === 503
    if (!error.exposed && !transient) return undefined
    const headers: Record<string, string> = {}
    if (error.status === 429 || error.error === 'slow_down') headers['retry-after'] = '60'
    if (transient) headers['retry-after'] = '5'
    return { status: error.status, body: error.toJSON(), headers }
  }
  if (error instanceof StoreUnavailableError) {
    // Redis down or failing over: a state the client should retry through (RFC 9110 §15.6.4), not
    // a server_error; nothing was decided, so the same request may be sent again.
    return {
      status: 503,
      body: {
        error: 'temporarily_unavailable',
        error_description: 'The server is unavailable for a moment.',
      },
      headers: { 'retry-after': '5' },
    }
  }
  if (error instanceof TokenGrantError) {
    return { status: 400, body: { error: error.error, error_description: error.description } }
  }
  if (error instanceof AccessTokenError) {
    return {
      status: 401,
      body: { error: 'invalid_token', error_description: 'The access token is invalid.' },
    }
  }
  const fastifyError = error as Partial<FastifyError>
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: { error: 'invalid_request', error_description: 'request body too large' } }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: { error: 'invalid_request', error_description: 'unsupported content type' },
      }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { error: 'invalid_request', error_description: 'malformed JSON body' } }
    default:
      break
  }
  const status = fastifyError.statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { error: 'invalid_request', error_description: 'malformed request' } }
  }
  return undefined
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = toPublicError(error)
  if (known) {
    request.log.info({ err: error }, 'request refused')
    return reply
      .code(known.status)
      .headers({ 'cache-control': 'no-store', ...known.headers, ...basicChallenge(known, request) })
      .send(known.body)
  }
  request.log.error({ err: error }, 'request failed')
  return reply
    .code(500)
    .header('cache-control', 'no-store')
    .send({ error: 'server_error', error_description: 'The server could not complete the request.' })
}

/**
 * RFC 6749 §5.2: a 401 invalid_client to a client that authenticated with the Authorization header
 * MUST carry a WWW-Authenticate challenge of the scheme it used (RFC 7617 for Basic).
 */
function basicChallenge(known: PublicError, request: FastifyRequest): Record<string, string> {
  const authorization = request.headers.authorization
  if (known.status !== 401 || known.body.error !== 'invalid_client') return {}
  if (typeof authorization !== 'string' || !/^basic(\s|$)/i.test(authorization)) return {}
  return { 'www-authenticate': 'Basic realm="oauth", charset="UTF-8"' }
}
