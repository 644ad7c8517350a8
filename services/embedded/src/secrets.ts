// The secrets of the embedded default: taken from the environment when given, else random per start.
// Random keys suit the in-memory store, which forgets everything on exit anyway; with REDIS_URL the
// config schema requires the ones protecting stored or client-held data (config.ts).
import { randomBytes } from 'node:crypto'
import type { EmbeddedConfig } from './config.js'

export interface EmbeddedSecrets {
  INTERNAL_API_SECRET: string
  TOKEN_ENCRYPTION_KEYS: string
  COOKIE_SECRETS: string
  CURSOR_KEYS: string
}

export function resolveSecrets(config: EmbeddedConfig): EmbeddedSecrets {
  const random = () => randomBytes(32).toString('base64url')
  return {
    INTERNAL_API_SECRET: config.INTERNAL_API_SECRET?.reveal() ?? random(),
    // The keyring format of @m365mcp/crypto: `kid:base64key`, 32-byte AES-256-GCM keys.
    TOKEN_ENCRYPTION_KEYS:
      config.TOKEN_ENCRYPTION_KEYS?.reveal() ??
      `run-${Date.now().toString(36)}:${randomBytes(32).toString('base64')}`,
    COOKIE_SECRETS: config.COOKIE_SECRETS?.reveal() ?? random(),
    CURSOR_KEYS: config.CURSOR_KEYS?.reveal() ?? random(),
  }
}
