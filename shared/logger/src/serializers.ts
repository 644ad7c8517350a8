// Fastify-compatible serializers (same fields as Fastify's defaults, lib/logger-pino.js) with the
// request URL's credentials redacted. Fastify keeps a `loggerInstance`'s own serializers over its
// defaults, so passing `createLogger(...)` is enough.
import { stdSerializers } from 'pino'
import { redactUrl } from './redact-url.js'

/** The fields read from a Fastify request or a raw `http.IncomingMessage`. */
export interface RequestLike {
  method?: string
  url?: string
  headers?: Record<string, string | string[] | undefined>
  host?: string
  ip?: string
  socket?: { remoteAddress?: string; remotePort?: number } | null
}

export interface SerializedRequest {
  method: string | undefined
  url: string | undefined
  version: string | string[] | undefined
  host: string | string[] | undefined
  remoteAddress: string | undefined
  remotePort: number | undefined
}

export function serializeRequest(req: RequestLike): SerializedRequest {
  return {
    method: req.method,
    url: req.url === undefined ? undefined : redactUrl(req.url),
    version: req.headers?.['accept-version'],
    host: req.host ?? req.headers?.host,
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
    remotePort: req.socket?.remotePort,
  }
}

export function serializeResponse(reply: { statusCode?: number }): { statusCode: number | undefined } {
  return { statusCode: reply.statusCode }
}

export const serializers = {
  req: serializeRequest,
  res: serializeResponse,
  err: stdSerializers.err,
}
