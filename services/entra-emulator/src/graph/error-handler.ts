// The Graph listener's only error renderer: GraphErrors in Graph's JSON shape with their headers;
// framework errors mapped to Graph's words; anything else a logged 500 generalException with no
// details sent.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { GraphError, graphErrorBody, unreadableBody } from './errors.js'
import { correlationIds } from './guard.js'
import { sendJson } from './request-context.js'

function fromFramework(err: FastifyError): GraphError | undefined {
  const status = err.statusCode ?? 500
  if (status >= 500) return undefined
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new GraphError(415, 'UnsupportedMediaType', 'The content type of the request is not supported.')
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new GraphError(413, 'RequestEntityTooLarge', 'The request body is too large.')
  }
  return unreadableBody()
}

export function createErrorHandler(now: () => number) {
  return function handleError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    let graphError = err instanceof GraphError ? err : fromFramework(err)
    if (!graphError) {
      request.log.error({ err }, 'graph request failed')
      graphError = new GraphError(500, 'generalException', 'An unspecified error has occurred.')
    }
    let ids = request.graphIds
    if (!ids) {
      ids = correlationIds(request)
      reply.header('request-id', ids.requestId).header('client-request-id', ids.clientRequestId)
    }
    reply.headers(graphError.headers)
    return sendJson(reply, graphError.status, graphErrorBody(graphError.code, graphError.message, ids, now()))
  }
}
