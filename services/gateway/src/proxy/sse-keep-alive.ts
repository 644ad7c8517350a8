// Keep-alive comments on a proxied SSE stream the upstream left silent, so idle-timeouts of
// intermediaries and clients do not cut it (MCP 2024-11-05 HTTP+SSE; HTML Living Standard
// §9.2.6: a line starting with ":" is a comment). A comment is injected only at a line boundary
// (the last byte forwarded was "\n"), where it cannot split or dispatch an upstream event.
import type { ServerResponse } from 'node:http'

export interface SseKeepAlive {
  /** Record forwarded bytes (resets the silence timer). */
  saw(chunk: Buffer): void
  stop(): void
}

export function startSseKeepAlive(res: ServerResponse, intervalMs: number): SseKeepAlive {
  let atLineStart = true
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
      atLineStart = chunk[chunk.length - 1] === 0x0a
      silentSince = Date.now()
    },
    stop: () => clearInterval(timer),
  }
}
