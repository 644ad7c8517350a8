// Constant-time string comparison for secrets (client secrets, CSRF tokens). Comparing fixed-length
// SHA-256 digests rather than the strings keeps the time independent of where the strings differ and
// of their lengths (crypto.timingSafeEqual itself returns early, by throwing, on a length mismatch).
import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest()

export function timingSafeEqualString(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b))
}
