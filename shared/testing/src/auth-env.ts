import { randomBytes } from 'node:crypto'
// The auth service's environment for a test stack signed in through the Entra emulator: the one
// place the harnesses of auth, tools, gateway and the benchmarks take it from. Fresh encryption and
// cookie keys per call; the emulator is trusted over loopback with its per-run CA.

/** What this needs of a running emulator (structural, so this package does not depend on it). */
export interface EmulatorEndpoints {
  issuer(tenantId: string): string
  graphBaseUrl: string
}

export interface AuthEnvOptions {
  publicUrl: string
  internalSecret: string
  emulator: EmulatorEndpoints
  tenantId: string
  /** The app registration made in the emulator for this stack. */
  clientId: string
  clientSecret: string
  /** The emulator's CA certificate file (Graph and the Entra endpoints over HTTPS). */
  caFile: string
  graphScopes: readonly string[]
}

export function authEnvForEmulator(options: AuthEnvOptions): Record<string, string> {
  return {
    PUBLIC_URL: options.publicUrl,
    INTERNAL_API_SECRET: options.internalSecret,
    TOKEN_ENCRYPTION_KEYS: `k1:${randomKey('base64')}`,
    COOKIE_SECRETS: randomKey('base64url'),
    ENTRA_AUTHORITY: options.emulator.issuer(options.tenantId),
    ENTRA_CLIENT_ID: options.clientId,
    ENTRA_CLIENT_SECRET: options.clientSecret,
    ENTRA_GRAPH_SCOPES: options.graphScopes.join(','),
    ENTRA_ALLOW_INSECURE_LOOPBACK: 'true',
    GRAPH_BASE_URL: options.emulator.graphBaseUrl,
    ENTRA_CA_FILE: options.caFile,
    LOG_LEVEL: 'silent',
  }
}

function randomKey(encoding: 'base64' | 'base64url'): string {
  return randomBytes(32).toString(encoding)
}
