// POST /$batch (https://learn.microsoft.com/graph/json-batching): each request runs through the same
// routing, authentication, faults and permissions as a direct call (internally injected with the
// envelope's token); dependsOn chains run in sequence, a failed dependency answers 424. Responses
// come back in reverse request order, since Graph promises no order, so clients must match by id.
import type {
  FastifyPluginCallback,
  FastifyRequest,
  InjectOptions,
  LightMyRequestResponse as InjectResponse,
} from 'fastify'
import { planBatch, relativeUrl } from '../batch-plan.js'
import type { BatchSubRequest } from '../batch-plan.js'
import { graphErrorBody } from '../errors.js'
import { sendJson, TOKEN_ONLY } from '../request-context.js'
import type { GraphRouteOptions } from './options.js'

interface SubResponse {
  id: string
  status: number
  headers: Record<string, string>
  body?: unknown
}

const DROPPED_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date'])

function toSubResponse(id: string, res: InjectResponse): SubResponse {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(res.headers)) {
    if (v === undefined || DROPPED_HEADERS.has(k.toLowerCase())) continue
    headers[k] = Array.isArray(v) ? v.join(', ') : String(v)
  }
  const out: SubResponse = { id, status: res.statusCode, headers }
  if (res.rawPayload.length > 0) {
    // JSON bodies are embedded as JSON; anything else as base64, as Graph does.
    out.body = (headers['content-type'] ?? '').includes('json')
      ? (JSON.parse(res.body) as unknown)
      : res.rawPayload.toString('base64')
  }
  return out
}

export const batchRoutes: FastifyPluginCallback<GraphRouteOptions> = (app, { ctx }, done) => {
  const failure = (
    request: FastifyRequest,
    id: string,
    status: number,
    code: string,
    message: string,
  ): SubResponse => {
    const ids = request.graphIds ?? { requestId: '', clientRequestId: '' }
    return {
      id,
      status,
      headers: { 'content-type': 'application/json' },
      body: graphErrorBody(code, message, ids, ctx.now()),
    }
  }

  const run = async (request: FastifyRequest, sub: BatchSubRequest): Promise<SubResponse> => {
    const path = relativeUrl(sub.url)
    if (!path)
      return failure(
        request,
        sub.id,
        400,
        'BadRequest',
        `Invalid request URI '${sub.url}': use a URL relative to the service root.`,
      )
    if (/^\/\$batch(\?|\/|$)/i.test(path))
      return failure(request, sub.id, 400, 'BadRequest', 'Nested batch requests are not supported.')
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(sub.headers ?? {})) {
      if (!['authorization', 'host', 'content-length'].includes(k.toLowerCase())) headers[k.toLowerCase()] = v
    }
    if (request.headers.authorization) headers.authorization = request.headers.authorization
    if (request.headers.host) headers.host = request.headers.host
    const options: InjectOptions = { method: sub.method, url: `/v1.0${path}`, headers }
    if (sub.body !== undefined)
      options.payload = typeof sub.body === 'string' ? sub.body : JSON.stringify(sub.body)
    return toSubResponse(sub.id, await app.inject(options))
  }

  app.post('/$batch', { config: { permission: TOKEN_ONLY } }, async (request, reply) => {
    const plan = planBatch(request.body)
    const pending = new Map<string, Promise<SubResponse>>()
    for (const sub of plan) {
      const deps = (sub.dependsOn ?? []).map((d) => pending.get(d) as Promise<SubResponse>)
      pending.set(
        sub.id,
        Promise.all(deps).then((results) =>
          results.every((r) => r.status >= 200 && r.status < 300)
            ? run(request, sub)
            : failure(
                request,
                sub.id,
                424,
                'FailedDependency',
                'The request was not run because a request it depends on failed.',
              ),
        ),
      )
    }
    const responses = await Promise.all(plan.map((sub) => pending.get(sub.id) as Promise<SubResponse>))
    request.log.info({ requests: plan.length }, 'graph batch served')
    return sendJson(reply, 200, { responses: responses.reverse() })
  })
  done()
}
