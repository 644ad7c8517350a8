// Strict base64url: Buffer.from(…, 'base64url') silently skips invalid characters and ignores the
// unused low bits of the last character, which would let two different strings decode to the same
// bytes. Requiring the canonical encoding makes every character of a ciphertext significant.

const ALPHABET = /^[A-Za-z0-9_-]*$/

export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url')
}

/** Decoded bytes, or undefined when `text` is not the canonical base64url encoding of them. */
export function decodeBase64Url(text: string): Buffer | undefined {
  if (!ALPHABET.test(text)) return undefined
  const bytes = Buffer.from(text, 'base64url')
  return bytes.toString('base64url') === text ? bytes : undefined
}

/** Standard base64 (with or without padding) or base64url, canonical either way. */
export function decodeBase64Any(text: string): Buffer | undefined {
  const url = text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
  if (text.length - text.replace(/=+$/, '').length > 2) return undefined
  return decodeBase64Url(url)
}
