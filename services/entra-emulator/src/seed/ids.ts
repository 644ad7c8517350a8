// Stable identifiers. Every id is a hash of a stable key (tenant, position, meeting, …), never of a
// date, so ids survive a change of week and two runs agree. Formats imitate what Graph returns so
// client code meets realistic values: directory objects use GUIDs, Exchange items long base64url
// strings, OneDrive items "01" + base32, drives "b!" + base64url.
import { createHash } from 'node:crypto'

function digest(key: string, length: number): Buffer {
  const parts: Buffer[] = []
  for (let i = 0; parts.length * 32 < length; i++) {
    parts.push(createHash('sha256').update(`${i}\u0000${key}`).digest())
  }
  return Buffer.concat(parts).subarray(0, length)
}

/** A GUID shaped like a random (version 4, RFC 9562 §5.4) UUID, derived from `key`. */
export function guid(key: string): string {
  const b = digest(`guid:${key}`, 16)
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
  const hex = b.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * An Exchange item or folder id ("AAMkA…"): base64url like Graph's REST ids, which stay usable in
 * URL path segments. `prefix` distinguishes conversations ("AAQkA").
 */
export function exchangeId(key: string, prefix = 'AAMkA'): string {
  return `${prefix}${digest(`exchange:${key}`, 72).toString('base64url')}AAA=`
}

/** Upper-case hex, e.g. for iCalUId and internetMessageId local parts. */
export function hexId(key: string, bytes: number): string {
  return digest(`hex:${key}`, bytes).toString('hex').toUpperCase()
}

/** Standard base64 of `bytes` derived bytes (changeKey, quickXorHash, conversationIndex). */
export function base64Id(key: string, bytes: number): string {
  return digest(`b64:${key}`, bytes).toString('base64')
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** A OneDrive for Business item id: "01" followed by 32 base32 characters. */
export function driveItemId(key: string): string {
  const b = digest(`driveitem:${key}`, 32)
  let out = '01'
  for (let i = 0; i < 32; i++) out += BASE32[(b[i] ?? 0) % 32]
  return out
}

/** A OneDrive for Business drive id: "b!" followed by 64 base64url characters. */
export function driveId(key: string): string {
  return `b!${digest(`drive:${key}`, 48).toString('base64url')}`
}
