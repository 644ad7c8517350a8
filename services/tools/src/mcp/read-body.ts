// Reads a request body up to a byte limit, stopping (without buffering the rest) once it is over.
import type { IncomingMessage } from 'node:http'

export type BodyRead = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false }

export async function readBody(request: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return { ok: false }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    size += bytes.length
    if (size > limit) return { ok: false }
    chunks.push(bytes)
  }
  return { ok: true, bytes: Buffer.concat(chunks) }
}

/** Whether a JSON text is an array (a JSON-RPC batch), judged by its first significant byte. */
export function isJsonArray(bytes: Buffer): boolean {
  for (const byte of bytes) {
    if (
      byte === 0x20 ||
      byte === 0x09 ||
      byte === 0x0a ||
      byte === 0x0d ||
      byte === 0xef ||
      byte === 0xbb ||
      byte === 0xbf
    )
      continue
    return byte === 0x5b
  }
  return false
}
