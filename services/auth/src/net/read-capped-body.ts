// Reads a response body while counting bytes and stops at the cap (CIMD draft "Maximum
// Response Size"; ATTACKS E38): a declared Content-Length over the cap is refused before reading,
// and a body without one is aborted as soon as it passes the cap, so memory stays bounded.
import { SafeFetchError } from './safe-fetch-error.js'

interface DestroyableBody extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown
}

export async function readCappedBody(
  body: DestroyableBody,
  declaredLength: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  if (declaredLength !== undefined && /^\d+$/.test(declaredLength) && Number(declaredLength) > maxBytes) {
    body.destroy()
    throw new SafeFetchError('too_large', `declared length ${declaredLength} exceeds ${maxBytes} bytes`)
  }
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of body) {
    total += chunk.byteLength
    if (total > maxBytes) {
      body.destroy()
      throw new SafeFetchError('too_large', `body exceeds ${maxBytes} bytes`)
    }
    chunks.push(Buffer.from(chunk))
  }
  return Buffer.concat(chunks, total)
}
