// The server side of one legacy HTTP+SSE stream (MCP 2024-11-05 "Transports › HTTP with SSE"):
// the `endpoint` event first, then every server message as a `message` event; client messages
// arrive through deliver(), from a POST on this replica or relayed from another one.
//
// Why not the SDK's SSEServerTransport (@modelcontextprotocol/server-legacy 2.3.1, whose `/sse`
// export needs no express at runtime and writes to a hijacked Fastify `res` fine): it mints its own
// session id (randomUUID, 122 random bits, not settable), while ours must be a 256-bit token that is
// in the cross-replica registry before the endpoint event reaches the client; and its
// handlePostMessage reads the POST from the same process, whereas ours may arrive on any replica.
import type { ServerResponse } from 'node:http'
import type { AuthInfo, JSONRPCMessage, Transport } from '@modelcontextprotocol/server'

export interface SseSessionTransport extends Transport {
  readonly sessionId: string
  /** Hands a client message to the server with the identity of the request that carried it. */
  deliver(message: JSONRPCMessage, authInfo: AuthInfo): void
  /** Writes an SSE comment (ignored by clients) so proxies keep the idle stream open. */
  keepAlive(): void
  /**
   * Ends the stream with a `retry` field first (HTML Living Standard §9.2.6: it sets the client's
   * reconnection delay), so an EventSource-style client reconnects soon, to another replica.
   */
  closeWithRetry(retryMs: number): Promise<void>
}

export function createSseSessionTransport(options: {
  res: ServerResponse
  sessionId: string
  /** The POST path; the client resolves it against the /sse URL (as the SDK does). */
  endpoint: string
}): SseSessionTransport {
  const { res, sessionId } = options
  let open = false
  let closed = false

  const transport: SseSessionTransport = {
    sessionId,
    start() {
      if (open || closed) return Promise.reject(new Error('SSE session transport already started'))
      open = true
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // nginx and compatible proxies buffer responses unless told not to.
        'x-accel-buffering': 'no',
      })
      res.flushHeaders()
      const endpoint = `${options.endpoint}?sessionId=${encodeURIComponent(sessionId)}`
      res.write(`event: endpoint\ndata: ${endpoint}\n\n`)
      res.on('close', () => finish())
      return Promise.resolve()
    },
    send(message) {
      if (!open || closed || res.writableEnded) return Promise.reject(new Error('SSE stream is not open'))
      res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`)
      return Promise.resolve()
    },
    close() {
      if (!res.writableEnded) res.end()
      finish()
      return Promise.resolve()
    },
    deliver(message, authInfo) {
      if (!open || closed) throw new Error('SSE stream is not open')
      transport.onmessage?.(message, { authInfo })
    },
    keepAlive() {
      if (open && !closed && !res.writableEnded) res.write(': keep-alive\n\n')
    },
    closeWithRetry(retryMs) {
      // Every write here is a whole event, so this line never splits one.
      if (open && !closed && !res.writableEnded) res.write(`retry: ${Math.max(0, Math.floor(retryMs))}\n\n`)
      return transport.close()
    },
  }

  function finish() {
    if (closed) return
    closed = true
    transport.onclose?.()
  }

  return transport
}
