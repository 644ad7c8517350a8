// Opaque, integrity-protected `$skiptoken` for `@odata.nextLink`. Clients must follow nextLink as
// given (OData v4.01 §11.2.6.7); the token carries the offset and an HMAC-SHA256, under a per-run key,
// over the offset and the request it continues (caller, path, every other query option), so a
// tampered token or one replayed against another query or user is refused.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export interface SkipTokenCodec {
  issue(binding: string, offset: number): string
  /** The offset, or undefined when the token is malformed, forged or bound to another request. */
  read(token: string, binding: string): number | undefined
}

export function createSkipTokenCodec(key: Buffer = randomBytes(32)): SkipTokenCodec {
  const mac = (binding: string, offset: number) =>
    createHmac('sha256', key).update(`${offset}\n${binding}`).digest()
  return {
    issue(binding, offset) {
      const body = Buffer.from(`o=${offset}`).toString('base64url')
      return `${body}.${mac(binding, offset).toString('base64url')}`
    },
    read(token, binding) {
      const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token)
      if (!m) return undefined
      const body = /^o=(0|[1-9][0-9]{0,8})$/.exec(Buffer.from(m[1] as string, 'base64url').toString())
      if (!body) return undefined
      const offset = Number(body[1])
      const given = Buffer.from(m[2] as string, 'base64url')
      return given.length === 32 && timingSafeEqual(given, mac(binding, offset)) ? offset : undefined
    },
  }
}

/** The request a page belongs to: caller, path and every query option except `$skiptoken`, order-independent. */
export function pageBinding(
  callerId: string,
  path: string,
  query: ReadonlyArray<readonly [string, string]>,
): string {
  const rest = query
    .filter(([k]) => k.toLowerCase() !== '$skiptoken')
    .map(([k, v]) => `${encodeURIComponent(k.toLowerCase())}=${encodeURIComponent(v)}`)
    .sort()
  return [callerId, path.toLowerCase(), ...rest].join('\n')
}
