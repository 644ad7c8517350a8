// The auth service's configuration: one zod schema, keys are the environment variable names.
// Rendered into docs/configuration.md by `npm run docs:config`.
import { z } from 'zod'
import { auditConfigShape } from '@m365mcp/audit'
import { bool, csv, duration, int, port, secret, url } from '@m365mcp/config'
import { metricsConfigShape } from '@m365mcp/metrics/config'
import { tracingConfigShape } from '@m365mcp/tracing/config'
import { DEFAULT_PRIVATE_USE_SCHEMES } from './oauth/redirect-uri.js'

export const serviceName = 'auth'
export const title = 'Authorization server (services/auth)'

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const configSchema = z
  .object({
    PUBLIC_URL: url()
      .default('http://localhost:8788')
      .describe(
        'The public origin clients use (the gateway): the OAuth issuer, and the base of the MCP resources.',
      ),
    AUTH_HOST: z
      .string()
      .min(1)
      .default('127.0.0.1')
      .describe('Interface the public listener binds to (0.0.0.0 in a container).'),
    AUTH_PORT: port().default(8789).describe('Port of the public listener (reached through the gateway).'),
    AUTH_INTERNAL_HOST: z
      .string()
      .min(1)
      .default('127.0.0.1')
      .describe(
        'Interface of the internal listener (token exchange for the tools service; never routed by the gateway).',
      ),
    AUTH_INTERNAL_PORT: port().default(8792).describe('Port of the internal listener.'),
    ...metricsConfigShape(9465),
    INTERNAL_API_SECRET: secret({ minLength: 32 }).describe(
      'Service-to-service credential the tools service presents to the internal listener (at least 32 characters).',
    ),
    REDIS_URL: url({ protocols: ['redis:', 'rediss:'] })
      .optional()
      .describe(
        'Redis shared by all replicas. Unset: an in-memory store (one process only, lost on restart).',
      ),
    REDIS_PREFIX: z
      .string()
      .default('m365mcp:')
      .describe('Prefix of every Redis key and channel this service uses.'),
    TOKEN_ENCRYPTION_KEYS: secret({ minLength: 10 }).describe(
      'Keyring for envelope encryption of Entra tokens and signing keys: `kid:base64key,…` (32-byte keys, newest first).',
    ),
    COOKIE_SECRETS: csv()
      .transform((list) => list)
      .describe(
        'Keys (comma-separated, newest first, each at least 32 characters) signing consent cookies and CSRF tokens.',
      ),
    ENTRA_AUTHORITY: url().describe(
      'Entra authority with the tenant, e.g. https://login.microsoftonline.com/{tenant-id}/v2.0 (or organizations/common with ENTRA_ALLOWED_TENANTS).',
    ),
    ENTRA_CLIENT_ID: z
      .string()
      .regex(GUID, 'must be the application (client) id, a GUID')
      .describe('Application (client) id of the Entra app registration.'),
    ENTRA_CLIENT_SECRET: secret({ minLength: 8 })
      .optional()
      .describe('Client secret of the app registration (or use the certificate settings).'),
    ENTRA_CLIENT_CERTIFICATE_KEY: secret({ minLength: 64 })
      .optional()
      .describe(
        'PEM private key of the app registration certificate (private_key_jwt), instead of a secret.',
      ),
    ENTRA_CLIENT_CERTIFICATE_THUMBPRINT: z
      .string()
      .regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i, 'must be the hex SHA-1 (40) or SHA-256 (64) thumbprint')
      .optional()
      .describe(
        'Hex SHA-1 (40 characters, as the Entra admin center shows it) or SHA-256 (64) thumbprint of that certificate, no colons.',
      ),
    ENTRA_GRAPH_SCOPES: csv()
      .default([
        'User.Read',
        'User.ReadBasic.All',
        'People.Read',
        'Calendars.Read',
        'Mail.Read',
        'Files.Read',
      ])
      .describe('Delegated Graph permissions asked of Entra (never .default mixed with named scopes).'),
    ENTRA_ALLOWED_TENANTS: csv()
      .optional()
      .describe(
        'Tenant ids whose users may sign in; required for multi-tenant authorities (organizations, common).',
      ),
    ENTRA_CA_FILE: z
      .string()
      .optional()
      .describe(
        'Extra CA certificate (PEM file) trusted for Entra and Graph (corporate proxy, or the emulator).',
      ),
    ENTRA_ALLOW_INSECURE_LOOPBACK: bool()
      .default(false)
      .describe(
        'Accept an http:// Entra authority on a loopback host or a *.localhost name (the local emulator, also in docker compose). Development only.',
      ),
    GRAPH_BASE_URL: url().default('https://graph.microsoft.com/v1.0').describe('Microsoft Graph base URL.'),
    ACCESS_TOKEN_TTL: duration({ min: 60_000, max: 3_600_000 })
      .default(600_000)
      .describe('Lifetime of the access tokens we issue.'),
    SIGNING_KEY_ROTATION_INTERVAL: duration({ min: 3_600_000 })
      .default(30 * 86_400_000)
      .describe(
        'Age at which the access-token signing key is replaced: a new key is published, signs 10 minutes later, and the old one stays in the JWKS until its tokens have expired.',
      ),
    REFRESH_TOKEN_IDLE_TTL: duration()
      .default(30 * 86_400_000)
      .describe('A grant unused this long expires.'),
    REFRESH_TOKEN_MAX_TTL: duration()
      .default(90 * 86_400_000)
      .describe('A grant expires this long after sign-in, used or not.'),
    REFRESH_TOKEN_GRACE: duration({ max: 120_000 })
      .default(30_000)
      .describe(
        'How long a just-rotated refresh token may be presented again (a lost response) without revoking the grant.',
      ),
    CONSENT_TTL: duration()
      .default(30 * 86_400_000)
      .describe('How long a browser remembers an approval per client.'),
    DCR_ENABLED: bool().default(true).describe('Serve dynamic client registration (RFC 7591) at /register.'),
    DCR_CLIENT_TTL: duration()
      .default(30 * 86_400_000)
      .describe('A registered client unused this long is deleted.'),
    DCR_RATE_LIMIT: int({ min: 1, max: 100_000 })
      .default(20)
      .describe('Registrations allowed per source address per hour.'),
    // Failed grants at /token and /revoke (ATTACKS D35, tokens/failed-grant-limits.ts). The
    // per-client limit sits well above the per-source one: one source is stopped by its own limit
    // before it can lock a client out, and a client_id shared by many users (a CIMD URL) has room
    // for their own expired-grant failures. Secrets are ≥ 128 bits, so the limits bound cost and
    // noise rather than make guessing feasible or not.
    TOKEN_FAILURE_LIMIT_PER_CLIENT: int({ min: 0, max: 1_000_000 })
      .default(300)
      .describe(
        'Failed grants and client authentications (invalid_grant, invalid_client) allowed per client_id per TOKEN_FAILURE_WINDOW at /token and /revoke; beyond it every request naming that client_id gets 429 until the window ends. 0 disables the per-client limit.',
      ),
    TOKEN_FAILURE_LIMIT_PER_IP: int({ min: 0, max: 1_000_000 })
      .default(100)
      .describe(
        'Failed grants and client authentications allowed per source address (IPv4, or IPv6 /64, as TRUST_PROXY resolves it) per TOKEN_FAILURE_WINDOW; beyond it every /token and /revoke request from that source gets 429 until the window ends. 0 disables the per-source limit.',
      ),
    TOKEN_FAILURE_WINDOW: duration({ min: 1_000, max: 86_400_000 })
      .default(300_000)
      .describe('Fixed window in which the failed-grant limits count (successes never count).'),
    CIMD_ENABLED: bool()
      .default(true)
      .describe('Accept https URL client ids (Client ID Metadata Documents).'),
    CIMD_ALLOW_PRIVATE_NETWORKS: bool()
      .default(false)
      .describe('Allow metadata documents on private or loopback addresses. Tests and development only.'),
    CIMD_CA_FILE: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Extra CA certificate (PEM file) trusted when fetching client metadata documents (TLS inspection proxy, or tests).',
      ),
    REDIRECT_SCHEMES: csv()
      .default([...DEFAULT_PRIVATE_USE_SCHEMES])
      .describe('Private-use URI schemes accepted in redirect URIs (native clients).'),
    TRUST_PROXY: z
      .string()
      .default('loopback')
      .describe('Fastify trustProxy setting: which proxies (the gateway) may set X-Forwarded-*.'),
    SHUTDOWN_TIMEOUT: duration({ min: 1_000, max: 600_000 })
      .default(25_000)
      .describe(
        "On SIGTERM/SIGINT, longest wait for requests in flight to finish before the process exits anyway (exit 1); below the orchestrator's grace period (Kubernetes: 30 s).",
      ),
    // The audit worker runs here by default: one consumer of the shared queue (docs/audit.md).
    ...auditConfigShape({ workerByDefault: true }),
    // OpenTelemetry traces, off by default (docs/tracing.md).
    ...tracingConfigShape('m365mcp-auth'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info')
      .describe('Log level.'),
  })
  .superRefine((c, ctx) => {
    if (c.AUDIT_SINK === 'redis-stream' && !c.REDIS_URL)
      ctx.addIssue({ code: 'custom', path: ['AUDIT_SINK'], message: 'redis-stream needs REDIS_URL' })
    if (!c.ENTRA_CLIENT_SECRET && !c.ENTRA_CLIENT_CERTIFICATE_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['ENTRA_CLIENT_SECRET'],
        message: 'set ENTRA_CLIENT_SECRET or ENTRA_CLIENT_CERTIFICATE_KEY',
      })
    }
    if (c.ENTRA_CLIENT_CERTIFICATE_KEY && !c.ENTRA_CLIENT_CERTIFICATE_THUMBPRINT) {
      ctx.addIssue({
        code: 'custom',
        path: ['ENTRA_CLIENT_CERTIFICATE_THUMBPRINT'],
        message: 'required with ENTRA_CLIENT_CERTIFICATE_KEY',
      })
    }
    if (c.COOKIE_SECRETS.some((s) => s.length < 32)) {
      ctx.addIssue({
        code: 'custom',
        path: ['COOKIE_SECRETS'],
        message: 'every key must be at least 32 characters',
      })
    }
    const multiTenant = /\/(organizations|common)(\/|$)/i.test(new URL(c.ENTRA_AUTHORITY).pathname)
    if (multiTenant && !c.ENTRA_ALLOWED_TENANTS?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['ENTRA_ALLOWED_TENANTS'],
        message: 'required with a multi-tenant authority',
      })
    }
    if (c.REFRESH_TOKEN_IDLE_TTL > c.REFRESH_TOKEN_MAX_TTL) {
      ctx.addIssue({
        code: 'custom',
        path: ['REFRESH_TOKEN_IDLE_TTL'],
        message: 'must not exceed REFRESH_TOKEN_MAX_TTL',
      })
    }
  })

export type AuthConfig = z.infer<typeof configSchema>
