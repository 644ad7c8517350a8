// The request body handed to undici: a lazy iterable over the client's stream, so nothing is read
// (and a retry on another replica stays possible) until undici actually writes the request, and
// nothing is buffered beyond one chunk. Bytes past the limit end the request with a 413.
import type { IncomingMessage } from 'node:http'

export class BodyTooLargeError extends Error {
  readonly code = 'GATEWAY_BODY_TOO_LARGE'

  constructor(limit: number) {
    super(`request body exceeds ${limit} bytes`)
    this.name = 'BodyTooLargeError'
  }
}

export function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true
  const length = req.headers['content-length']
  return length !== undefined && length !== '0'
}

/** Content-Length above the limit: refused before any upstream is contacted. */
export function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  const length = Number(req.headers['content-length'] ?? '0')
  return Number.isFinite(length) && length > limit
}

export function requestBody(req: IncomingMessage, limit: number): AsyncIterable<Buffer> | null {
  if (!hasBody(req)) return null
  return {
    async *[Symbol.asyncIterator]() {
      let seen = 0
      for await (const chunk of req as AsyncIterable<Buffer>) {
        seen += chunk.length
        if (seen > limit) throw new BodyTooLargeError(limit)
        yield chunk
      }
    },
  }
}
