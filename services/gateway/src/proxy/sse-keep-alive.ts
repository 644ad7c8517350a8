// Keep-alive comments on a proxied SSE stream the upstream left silent, so idle-timeouts of
// intermediaries and clients do not cut it (MCP 2024-11-05 HTTP+SSE; HTML Living Standard
// §9.2.6: a line starting with ":" is a comment). A comment is injected only at a line boundary
// (the last byte forwarded was "\n"), where it cannot split or dispatch an upstream event. The
// same rule places the `retry` field written when the gateway ends the stream on shutdown.
import type { ServerResponse } from 'node:http'

export interface SseKeepAlive {
  /** Record forwarded bytes (resets the silence timer). */
  saw(chunk: Buffer): void
  stop(): void
  /**
   * Writes `retry: <ms>` (§9.2.6: sets the client's reconnection delay) if the stream sits at a
   * line boundary; true when written. A blank line follows only at an event boundary, so a
   * partly forwarded upstream event is never dispatched: the client drops it at the end of stream.
   */
  writeRetry(retryMs: number): boolean
}

export function startSseKeepAlive(res: ServerResponse, intervalMs: number): SseKeepAlive {
  let atLineStart = true
  let atEventStart = true
  let silentSince = Date.now()
  const timer = setInterval(
    () => {
      if (!atLineStart || res.writableEnded || res.destroyed) return
      if (Date.now() - silentSince < intervalMs) return
      silentSince = Date.now()
      // A write refused for back-pressure is skipped: the client is not idle, it is slow.
      if (res.writableNeedDrain) return
      res.write(': keep-alive\n')
    },
    Math.max(250, Math.floor(intervalMs / 2)),
  )
  timer.unref()
  return {
    saw(chunk) {
      if (chunk.length === 0) return
      const endsLine = chunk[chunk.length - 1] === 0x0a
      // A blank line ends an event: "\n\n" across this chunk or the previous one and this.
      const before = chunk.length > 1 ? chunk[chunk.length - 2] === 0x0a : atLineStart
      atEventStart = endsLine && before
      atLineStart = endsLine
      silentSince = Date.now()
    },
    stop: () => clearInterval(timer),
    writeRetry(retryMs) {
      if (!atLineStart || res.writableEnded || res.destroyed) return false
      res.write(`retry: ${Math.max(0, Math.floor(retryMs))}\n${atEventStart ? '\n' : ''}`)
      return true
    },
  }
}
