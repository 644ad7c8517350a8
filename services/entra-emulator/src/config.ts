// The emulator's configuration: one zod schema, keys are the environment variable names.
// Rendered into docs/configuration.md by `npm run docs:config`.
import { z } from 'zod'
import { bool, csv, duration, port, secret } from '@m365mcp/config'
import { DEFAULT_GRAPH_PERMISSIONS } from './entra/default-client.js'

export const serviceName = 'entra-emulator'
export const title = 'Entra ID + Microsoft Graph emulator (development, tests and demo only)'

export const configSchema = z.object({
  EMULATOR_HOST: z
    .string()
    .default('127.0.0.1')
    .describe('Interface both listeners bind to. Use 0.0.0.0 in a container.'),
  EMULATOR_PORT: port()
    .default(8790)
    .describe('HTTP port of the identity side (authorize, token, keys, login page).'),
  EMULATOR_GRAPH_PORT: port().default(8791).describe('HTTPS port of the Graph emulator (/v1.0).'),
  EMULATOR_PUBLIC_HOST: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'must be a host name without scheme or port')
    .default('localhost')
    .describe(
      'Host name in the issuer, the login page URLs and Graph nextLinks (what browsers and clients use).',
    ),
  EMULATOR_CA_FILE: z
    .string()
    .optional()
    .describe(
      'Where to write the per-run CA certificate (PEM) that clients must trust to reach Graph over HTTPS.',
    ),
  EMULATOR_ADMIN_ENABLED: bool()
    .default(false)
    .describe(
      'Serve the fault-injection and test admin API under /_emulator. Tests only; never enable in a demo reachable by others.',
    ),
  EMULATOR_ACCESS_TOKEN_TTL: duration()
    .default(3_600_000)
    .describe('Lifetime of Graph access tokens the emulator issues.'),
  EMULATOR_CLIENT_ID: z
    .string()
    .min(1)
    .default('6f1e6d1a-3b9e-4c55-9a43-5d3f3c1b7e21')
    .describe('Client id of the built-in app registration (the one the auth service uses in the demo).'),
  EMULATOR_CLIENT_SECRET: secret({ minLength: 8 })
    .prefault('dev-client-secret')
    .describe('Client secret of the built-in app registration.'),
  EMULATOR_REDIRECT_URIS: csv()
    .default(['http://localhost:8788/callback'])
    .describe('Redirect URIs registered for the built-in app registration.'),
  EMULATOR_PERMISSIONS: csv()
    .default([...DEFAULT_GRAPH_PERMISSIONS])
    .describe(
      'Delegated Graph permissions admin-consented for the built-in app registration (what .default expands to).',
    ),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Log level.'),
})

export type EmulatorConfig = z.infer<typeof configSchema>
