// Hands a request the Fastify front has checked (and possibly rewritten) to a tenant's oidc-provider,
// mounted at `/{tenant}` the way Express mounts it (`originalUrl` minus `url`), with the public
// origin passed as forwarded headers so every URL the provider builds is the emulator's public one.
import { IncomingMessage } from 'node:http'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Provider } from 'oidc-provider'

export interface ForwardTarget {
  /** Provider route, e.g. `/oauth2/v2.0/authorize`. */
  path: string
  /** `''` or a query string with its `?`. */
  search: string
  /** A rewritten application/x-www-form-urlencoded body. */
  body?: string
  /** Request headers not to pass on (e.g. `authorization` once the front authenticated the client). */
  dropHeaders?: readonly string[]
}

export type Forwarder = (request: FastifyRequest, reply: FastifyReply, target: ForwardTarget) => Promise<void>

const NEVER_FORWARDED = ['content-length', 'transfer-encoding', 'connection', 'forwarded']

export function createForwarder(provider: Provider, tenantId: string, origin: URL): Forwarder {
  provider.proxy = true
  const handle = provider.callback()
  return async (request, reply, target) => {
    const forwarded = new IncomingMessage(request.raw.socket)
    const headers: Record<string, string | string[] | undefined> = {}
    const dropped = new Set([...NEVER_FORWARDED, ...(target.dropHeaders ?? [])])
    for (const [name, value] of Object.entries(request.headers)) {
      if (!dropped.has(name) && !name.startsWith('x-forwarded-')) headers[name] = value
    }
    headers['x-forwarded-proto'] = origin.protocol.slice(0, -1)
    headers['x-forwarded-host'] = origin.host
    if (target.body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      headers['content-length'] = String(Buffer.byteLength(target.body))
      forwarded.push(target.body)
    }
    forwarded.push(null)
    // Set by Node's HTTP parser on real requests; without it, ending the stream destroys the socket.
    forwarded.complete = true
    forwarded.method = request.method
    forwarded.url = `${target.path}${target.search}`
    forwarded.headers = headers
    Object.assign(forwarded, { originalUrl: `/${tenantId}${target.path}${target.search}` })
    reply.hijack()
    await handle(forwarded, reply.raw)
  }
}
