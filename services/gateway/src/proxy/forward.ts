// One proxied exchange over undici's dispatch API, streamed both ways: the request body is pulled
// as undici writes it, the response is written to the client chunk by chunk, pausing the upstream
// while the client's socket is full (back-pressure), and a client that goes away aborts the
// upstream request. The outcome says whether the request ever reached the upstream: undici calls
// onRequestStart just before writing the request on a connected socket, so a failure before it
// (connection refused, reset while connecting) left the upstream untouched and may be retried.
// An SSE response can be ended from outside (graceful shutdown): a retry hint, the end of the
// client's stream, and the upstream request aborted.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import type { Dispatcher } from 'undici'
import { requestBody } from './request-body.js'
import { responseHeaders } from './response-headers.js'
import { startSseKeepAlive, type SseKeepAlive } from './sse-keep-alive.js'

export type ForwardOutcome =
  /** The upstream answered and the response was passed on (or the client left meanwhile). */
  | { kind: 'done' }
  /** Failed before the request was written: safe to try another upstream. */
  | { kind: 'not-reached'; error: Error }
  /** Failed after the request was written, before any response byte went to the client. */
  | { kind: 'failed'; error: Error }

export interface ForwardOptions {
  dispatcher: Dispatcher
  /** Upstream origin (`http://10.0.0.5:8793`). */
  origin: string
  req: IncomingMessage
  res: ServerResponse
  headers: Record<string, string | string[]>
  maxBodyBytes: number
  headersTimeoutMs: number
  /** Longest silence between two upstream body chunks (SSE streams may idle this long). */
  bodyTimeoutMs: number
  sseKeepAliveMs: number
  /** Told about an SSE response, with how to end it (a `retry` hint first) on shutdown. */
  onEventStream?: (res: ServerResponse, end: (retryMs: number) => void) => void
  /** Last say on the response headers (CORS, stripping). */
  decorate?: (headers: OutgoingHttpHeaders) => OutgoingHttpHeaders
}

export function forward(options: ForwardOptions): Promise<ForwardOutcome> {
  const { req, res } = options
  return new Promise((resolve) => {
    let controller: Dispatcher.DispatchController | undefined
    let reached = false
    let responding = false
    let settled = false
    let keepAlive: SseKeepAlive | undefined
    const clientGone = new Error('client closed the connection')
    const shuttingDown = new Error('the gateway ended the stream (shutdown)')
    let ended = false
    const endStream = (retryMs: number) => {
      if (ended || settled || res.writableEnded || res.destroyed) return
      ended = true
      keepAlive?.writeRetry(retryMs)
      res.end()
      controller?.abort(shuttingDown)
    }

    const settle = (outcome: ForwardOutcome) => {
      if (settled) return
      settled = true
      keepAlive?.stop()
      res.off('close', onClientClose)
      resolve(outcome)
    }
    function onClientClose() {
      if (res.writableFinished) return
      controller?.abort(clientGone)
      if (!controller) settle({ kind: 'done' })
    }
    res.on('close', onClientClose)

    const body = requestBody(req, options.maxBodyBytes)
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(ctrl) {
        controller = ctrl
        reached = true
        if (res.destroyed) ctrl.abort(clientGone)
      },
      onResponseStart(ctrl, statusCode, headers) {
        let out = responseHeaders(headers)
        if (options.decorate) out = options.decorate(out)
        const eventStream = String(headers['content-type'] ?? '').startsWith('text/event-stream')
        if (eventStream) {
          // Proxies such as nginx buffer unless told not to; we never buffer ourselves.
          out['x-accel-buffering'] = 'no'
          out['cache-control'] ??= 'no-cache'
        }
        responding = true
        res.writeHead(statusCode, out)
        if (eventStream) {
          // An idle SSE stream must still show its headers at once (flushHeaders sends them now).
          res.flushHeaders()
          options.onEventStream?.(res, endStream)
          keepAlive = startSseKeepAlive(res, options.sseKeepAliveMs)
        }
        if (res.destroyed) ctrl.abort(clientGone)
      },
      onResponseData(ctrl, chunk) {
        if (ended) return
        keepAlive?.saw(chunk)
        if (!res.write(chunk)) {
          ctrl.pause()
          res.once('drain', () => ctrl.resume())
        }
      },
      onResponseEnd() {
        if (!ended) res.end()
        settle({ kind: 'done' })
      },
      onResponseError(_ctrl, error) {
        if (error === clientGone || ended || res.destroyed) return settle({ kind: 'done' })
        if (responding) {
          // Bytes already reached the client: all that is left is to cut the stream.
          res.destroy()
          return settle({ kind: 'done' })
        }
        settle(reached ? { kind: 'failed', error } : { kind: 'not-reached', error })
      },
    }

    try {
      options.dispatcher.dispatch(
        {
          origin: options.origin,
          path: req.url ?? '/',
          method: req.method ?? 'GET',
          headers: options.headers,
          body: body ? Readable.from(body, { objectMode: false }) : null,
          headersTimeout: options.headersTimeoutMs,
          bodyTimeout: options.bodyTimeoutMs,
        },
        handler,
      )
    } catch (error) {
      // undici reports bad options by throwing: nothing was sent anywhere.
      settle({ kind: 'failed', error: error as Error })
    }
  })
}
