// Sends a hijacked request to an upstream and streams the answer back: to one origin (the auth
// service), or to the tools pool, where a request that never reached a replica (connection refused
// or reset before it was written) is tried on the next healthy one, and never once bytes were sent.
import type { OutgoingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyBaseLogger } from 'fastify'
import type { Dispatcher } from 'undici'
import { isConnectError } from './connect-error.js'
import { failureOf, failureReply, type ProxyFailure } from './failure-reply.js'
import { forward, type ForwardOutcome } from './forward.js'
import type { ReplicaPool } from './replica-pool.js'
import type { Upstream, UpstreamErrorKind } from '../metrics/gateway-metrics.js'
import { writeJson } from './write-json.js'

export interface ProxySettings {
  dispatcher: Dispatcher
  maxBodyBytes: number
  headersTimeoutMs: number
  bodyTimeoutMs: number
  sseKeepAliveMs: number
  /** Told about each response that turned out to be an SSE stream, with how to end it on shutdown. */
  onEventStream?: (res: ServerResponse, end: (retryMs: number) => void) => void
  /** Told about each upstream failure (metrics). */
  onUpstreamError?: (upstream: Upstream, kind: UpstreamErrorKind) => void
}

export interface ProxyCall {
  req: IncomingMessage
  res: ServerResponse
  log: FastifyBaseLogger
  headers: Record<string, string | string[]>
  style: 'json-rpc' | 'oauth'
  decorate?: (headers: OutgoingHttpHeaders) => OutgoingHttpHeaders
}

function attempt(settings: ProxySettings, call: ProxyCall, origin: string): Promise<ForwardOutcome> {
  return forward({
    dispatcher: settings.dispatcher,
    origin,
    req: call.req,
    res: call.res,
    headers: call.headers,
    maxBodyBytes: settings.maxBodyBytes,
    headersTimeoutMs: settings.headersTimeoutMs,
    bodyTimeoutMs: settings.bodyTimeoutMs,
    sseKeepAliveMs: settings.sseKeepAliveMs,
    ...(settings.onEventStream ? { onEventStream: settings.onEventStream } : {}),
    ...(call.decorate ? { decorate: call.decorate } : {}),
  })
}

function fail(call: ProxyCall, failure: ProxyFailure): void {
  const reply = failureReply(failure, call.style)
  const headers = call.decorate ? call.decorate(reply.headers) : reply.headers
  writeJson(call.res, reply.status, reply.body, headers)
}

export async function proxyToOrigin(settings: ProxySettings, call: ProxyCall, origin: string): Promise<void> {
  const outcome = await attempt(settings, call, origin)
  if (outcome.kind === 'done') return
  const unreachable = outcome.kind === 'not-reached' && isConnectError(outcome.error)
  const failure = unreachable ? 'unavailable' : failureOf(outcome.error)
  call.log.warn({ err: outcome.error, upstream: origin }, 'upstream request failed')
  if (failure !== 'too_large') settings.onUpstreamError?.('auth', failure)
  fail(call, failure)
}

export async function proxyToPool(
  settings: ProxySettings,
  call: ProxyCall,
  pool: ReplicaPool,
): Promise<void> {
  const tried = new Set<string>()
  for (;;) {
    const replica = pool.pick(tried)
    if (!replica) {
      call.log.warn({ tried: tried.size }, 'no healthy tools replica')
      settings.onUpstreamError?.('tools', 'no_healthy_replica')
      return fail(call, 'unavailable')
    }
    tried.add(replica.url)
    const outcome = await attempt(settings, call, replica.url)
    if (outcome.kind === 'done') return
    if (outcome.kind === 'not-reached' && isConnectError(outcome.error)) {
      const code = (outcome.error as { code?: string }).code ?? 'connect error'
      pool.markDown(replica.url, code)
      settings.onUpstreamError?.('tools', 'connect_error')
      call.log.warn({ replica: replica.url, code }, 'tools replica unreachable; trying another')
      continue
    }
    call.log.warn({ err: outcome.error, replica: replica.url }, 'tools request failed')
    const failure = failureOf(outcome.error)
    if (failure !== 'too_large') settings.onUpstreamError?.('tools', failure)
    return fail(call, failure)
  }
}
