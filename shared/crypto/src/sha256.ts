// Hashes are what we store for tokens, codes and client secrets (house style §9): a Redis dump
// then holds nothing a client could present. Encoded base64url (43 characters) to keep keys short.
import { createHash, createHmac } from 'node:crypto'

type Input = string | Uint8Array

/** SHA-256 of the input (strings as UTF-8), base64url without padding. */
export function sha256(value: Input): string {
  return createHash('sha256').update(value).digest('base64url')
}

/** HMAC-SHA-256 of the input under `key`, base64url without padding. */
export function hmacSha256(key: Input, value: Input): string {
  return createHmac('sha256', key).update(value).digest('base64url')
}
