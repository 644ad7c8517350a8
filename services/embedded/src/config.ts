// The embedded default's configuration (`npm start`): the ports of the in-process listeners, the
// public origin, the store, and the secrets and Entra settings that decide how the stack runs. Every
// other key is read by each service's own schema from the same environment (service-env.ts), so a
// bad key fails at start naming it. Rendered into docs/configuration.md by `npm run docs:config`.
import { port, secret, url } from '@m365mcp/config'
import { tracingConfigShape } from '@m365mcp/tracing/config'
import { z } from 'zod'

export const serviceName = 'embedded'
export const title = 'Embedded default, the whole stack in one process (`npm start`, services/embedded)'

/** Secrets that protect what outlives the process (stored grants, cookies, cursors in clients). */
export const PERSISTENT_SECRETS = ['TOKEN_ENCRYPTION_KEYS', 'COOKIE_SECRETS', 'CURSOR_KEYS'] as const

const ENTRA_KEYS = [
  'ENTRA_AUTHORITY',
  'ENTRA_CLIENT_ID',
  'ENTRA_CLIENT_SECRET',
  'ENTRA_CLIENT_CERTIFICATE_KEY',
]

export const configSchema = z
  .object({
    GATEWAY_PORT: port().default(8788).describe('Port of the gateway, the public origin.'),
    AUTH_PORT: port().default(8789).describe("Loopback port of the auth service's public listener."),
    AUTH_INTERNAL_PORT: port()
      .default(8792)
      .describe("Loopback port of the auth service's internal listener (token exchange)."),
    TOOLS_PORT: port().default(8793).describe('Loopback port of the tools service.'),
    EMULATOR_PORT: port()
      .default(8790)
      .describe('Port of the Entra emulator (its login page; unused with real Entra settings).'),
    EMULATOR_GRAPH_PORT: port()
      .default(8791)
      .describe('Port of the Graph emulator (HTTPS; unused with real Entra settings).'),
    METRICS_PORT: port()
      .optional()
      .describe(
        'Opt-in: serve the Prometheus metrics of all three services at http://127.0.0.1:METRICS_PORT/metrics (one listener, the `service` label tells them apart). Unset (the default): no metrics listener.',
      ),
    PUBLIC_URL: url()
      .optional()
      .describe('The public origin clients use. Default: http://localhost:GATEWAY_PORT.'),
    REDIS_URL: url({ protocols: ['redis:', 'rediss:'] })
      .optional()
      .describe(
        'Redis for grants, clients and sessions. Unset: in memory (lost on exit). Set: TOKEN_ENCRYPTION_KEYS, COOKIE_SECRETS and CURSOR_KEYS are required.',
      ),
    INTERNAL_API_SECRET: secret({ minLength: 32 })
      .optional()
      .describe('Secret between the tools and auth listeners. Default: random per start (never stored).'),
    TOKEN_ENCRYPTION_KEYS: secret({ minLength: 10 })
      .optional()
      .describe('Keyring encrypting stored Entra tokens (`kid:base64key`). Default: random per start.'),
    COOKIE_SECRETS: secret({ minLength: 32 })
      .optional()
      .describe('Keys signing consent cookies and CSRF tokens. Default: random per start.'),
    CURSOR_KEYS: secret({ minLength: 32 })
      .optional()
      .describe('Keys sealing paging cursors. Default: random per start.'),
    ENTRA_AUTHORITY: url()
      .optional()
      .describe(
        'Real Entra authority. With ENTRA_CLIENT_ID and a secret or certificate, the emulator is not started.',
      ),
    ENTRA_CLIENT_ID: z.string().optional().describe('Application (client) id of the real app registration.'),
    ENTRA_CLIENT_SECRET: secret()
      .optional()
      .describe('Client secret of the real app registration (or ENTRA_CLIENT_CERTIFICATE_KEY).'),
    ENTRA_CLIENT_CERTIFICATE_KEY: secret()
      .optional()
      .describe('Certificate private key of the real app registration (see the auth service).'),
    // One tracer provider for the process, shared by the three services' listeners (docs/tracing.md).
    ...tracingConfigShape('m365mcp-embedded'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('warn')
      .describe('Log level of every service (info logs each request).'),
  })
  .superRefine((c, ctx) => {
    // Half an Entra configuration is a mistake, not a reason to fall back to the emulator silently.
    const given = ENTRA_KEYS.filter((key) => c[key as keyof typeof c] !== undefined)
    if (given.length > 0 && !isRealEntra(c)) {
      for (const key of ['ENTRA_AUTHORITY', 'ENTRA_CLIENT_ID'] as const) {
        if (c[key] === undefined)
          ctx.addIssue({ code: 'custom', path: [key], message: `required with ${given.join(', ')}` })
      }
      if (!c.ENTRA_CLIENT_SECRET && !c.ENTRA_CLIENT_CERTIFICATE_KEY)
        ctx.addIssue({
          code: 'custom',
          path: ['ENTRA_CLIENT_SECRET'],
          message: 'set ENTRA_CLIENT_SECRET or ENTRA_CLIENT_CERTIFICATE_KEY for a real tenant',
        })
    }
    // Keys made at random per start would leave the grants in Redis unreadable after a restart.
    if (c.REDIS_URL !== undefined) {
      for (const key of PERSISTENT_SECRETS) {
        if (c[key] === undefined)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'required with REDIS_URL (a random key per start would make stored data unreadable)',
          })
      }
    }
  })

export type EmbeddedConfig = z.infer<typeof configSchema>

/** True when the real Entra settings are complete: then no emulator runs. */
export function isRealEntra(c: {
  ENTRA_AUTHORITY?: string | undefined
  ENTRA_CLIENT_ID?: string | undefined
  ENTRA_CLIENT_SECRET?: unknown
  ENTRA_CLIENT_CERTIFICATE_KEY?: unknown
}): boolean {
  return (
    c.ENTRA_AUTHORITY !== undefined &&
    c.ENTRA_CLIENT_ID !== undefined &&
    (c.ENTRA_CLIENT_SECRET !== undefined || c.ENTRA_CLIENT_CERTIFICATE_KEY !== undefined)
  )
}

/** Which environment variable sets each listener's port, for the "port in use" message. */
export function portVariables(c: EmbeddedConfig): ReadonlyMap<number, string> {
  const pairs: [number, string][] = [
    [c.GATEWAY_PORT, 'GATEWAY_PORT'],
    [c.AUTH_PORT, 'AUTH_PORT'],
    [c.AUTH_INTERNAL_PORT, 'AUTH_INTERNAL_PORT'],
    [c.TOOLS_PORT, 'TOOLS_PORT'],
  ]
  if (!isRealEntra(c))
    pairs.push([c.EMULATOR_PORT, 'EMULATOR_PORT'], [c.EMULATOR_GRAPH_PORT, 'EMULATOR_GRAPH_PORT'])
  if (c.METRICS_PORT !== undefined) pairs.push([c.METRICS_PORT, 'METRICS_PORT'])
  return new Map(pairs)
}
