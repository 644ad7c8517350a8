// Composes each service's environment from the process environment, the embedded config and the
// wiring between the loopback listeners. Each service then parses it with its own schema, so every
// setting a service documents (ENTRA_GRAPH_SCOPES, TOOLS_WRITES_ENABLED, …) works here unchanged,
// while the keys that wire the stack together are set here and win over the environment.
import type { Env } from '@m365mcp/config'
import type { EmbeddedConfig } from './config.js'
import type { EmbeddedSecrets } from './secrets.js'

/** Loopback only: in the embedded default no internal listener is reachable from other hosts. */
export const LOOPBACK = '127.0.0.1'

/**
 * MCP Inspector's web UI (its default port): allowed as a browser origin unless ALLOWED_ORIGINS is
 * set, so `npx @modelcontextprotocol/inspector` works against the demo without a setting.
 */
export const INSPECTOR_ORIGINS = 'http://localhost:6274,http://127.0.0.1:6274'

/** How the auth and tools services reach the Entra + Graph emulator. */
export interface EmulatorLink {
  authority: string
  graphBaseUrl: string
  /** PEM file of the emulator's per-run CA (Graph is served over HTTPS). */
  caFile: string
  clientId: string
  clientSecret: string
}

export interface ServiceEnvs {
  auth: Env
  tools: Env
  gateway: Env
}

export function publicUrlOf(config: EmbeddedConfig): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.GATEWAY_PORT}`
}

/** The emulator's environment: its built-in app registration redirects to our callback. */
export function emulatorEnv(env: Env, config: EmbeddedConfig): Env {
  return {
    ...env,
    EMULATOR_HOST: LOOPBACK,
    EMULATOR_PORT: String(config.EMULATOR_PORT),
    EMULATOR_GRAPH_PORT: String(config.EMULATOR_GRAPH_PORT),
    EMULATOR_REDIRECT_URIS: env.EMULATOR_REDIRECT_URIS || `${publicUrlOf(config)}/callback`,
    LOG_LEVEL: config.LOG_LEVEL,
  }
}

export function serviceEnvs(options: {
  env: Env
  config: EmbeddedConfig
  secrets: EmbeddedSecrets
  /** Absent with real Entra settings. */
  emulator?: EmulatorLink
}): ServiceEnvs {
  const { env, config, secrets, emulator } = options
  const publicUrl = publicUrlOf(config)
  const authOrigin = `http://${LOOPBACK}:${config.AUTH_PORT}`
  const common = {
    PUBLIC_URL: publicUrl,
    AUTH_JWKS_URL: `${authOrigin}/jwks.json`,
    LOG_LEVEL: config.LOG_LEVEL,
  }
  const origins = { ALLOWED_ORIGINS: env.ALLOWED_ORIGINS || INSPECTOR_ORIGINS }
  const entra: Env = emulator
    ? {
        ENTRA_AUTHORITY: emulator.authority,
        ENTRA_CLIENT_ID: emulator.clientId,
        ENTRA_CLIENT_SECRET: emulator.clientSecret,
        ENTRA_CLIENT_CERTIFICATE_KEY: undefined,
        ENTRA_ALLOW_INSECURE_LOOPBACK: 'true',
        ENTRA_CA_FILE: emulator.caFile,
        GRAPH_BASE_URL: emulator.graphBaseUrl,
      }
    : {}
  return {
    auth: {
      ...env,
      ...common,
      ...entra,
      AUTH_HOST: LOOPBACK,
      AUTH_PORT: String(config.AUTH_PORT),
      AUTH_INTERNAL_HOST: LOOPBACK,
      AUTH_INTERNAL_PORT: String(config.AUTH_INTERNAL_PORT),
      INTERNAL_API_SECRET: secrets.INTERNAL_API_SECRET,
      TOKEN_ENCRYPTION_KEYS: secrets.TOKEN_ENCRYPTION_KEYS,
      COOKIE_SECRETS: secrets.COOKIE_SECRETS,
    },
    tools: {
      ...env,
      ...common,
      ...origins,
      ...(emulator ? { GRAPH_BASE_URL: emulator.graphBaseUrl, GRAPH_CA_FILE: emulator.caFile } : {}),
      TOOLS_HOST: LOOPBACK,
      TOOLS_PORT: String(config.TOOLS_PORT),
      AUTH_INTERNAL_URL: `http://${LOOPBACK}:${config.AUTH_INTERNAL_PORT}`,
      INTERNAL_API_SECRET: secrets.INTERNAL_API_SECRET,
      CURSOR_KEYS: secrets.CURSOR_KEYS,
    },
    gateway: {
      ...env,
      ...common,
      ...origins,
      GATEWAY_PORT: String(config.GATEWAY_PORT),
      AUTH_UPSTREAM: authOrigin,
      TOOLS_UPSTREAMS: `http://${LOOPBACK}:${config.TOOLS_PORT}`,
      TOOLS_UPSTREAM_DNS: undefined,
    },
  }
}
