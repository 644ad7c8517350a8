import { createSecret } from '../secret-value.js'
import { envString, invalid, ok } from './env-string.js'

export interface SecretOptions {
  minLength?: number
}

/**
 * A secret, wrapped so that logging the config prints `[redacted]`; taken verbatim (not trimmed).
 * Rejections never quote the value.
 */
export function secret({ minLength = 1 }: SecretOptions = {}) {
  return envString(
    'secret',
    (raw) =>
      raw.length >= minLength ? ok(createSecret(raw)) : invalid(`must be at least ${minLength} characters`),
    { trim: false },
  )
}
