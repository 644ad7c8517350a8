// The tools service's configuration: one zod schema, keys are the environment variable names.
// Rendered into docs/configuration.md by `npm run docs:config`.
import { auditConfigShape } from '@m365mcp/audit'
import { bool, csv, duration, int, port, secret, url } from '@m365mcp/config'
import { metricsConfigShape } from '@m365mcp/metrics/config'
import { tracingConfigShape } from '@m365mcp/tracing/config'
import { z } from 'zod'
import { toolPolicyConfigSchema } from './policy/tool-policy-config.js'
import { tools } from './tools/index.js'

export const serviceName = 'tools'
export const title = 'MCP tools service (services/tools)'

const toolNames = tools.map((tool) => tool.name)
const policySchema = toolPolicyConfigSchema(toolNames)
const roleRulesSchema = policySchema.shape.roleRules

const roleRules = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON: [{"claim":"roles","value":"…","tools":["…"]}]' })
      return z.NEVER
    }
  })
  .pipe(roleRulesSchema.unwrap())

export const configSchema = z
  .object({
    PUBLIC_URL: url()
      .default('http://localhost:8788')
      .describe(
        'The public origin (the gateway): the token issuer, and the base of the MCP resources /mcp and /sse.',
      ),
    TOOLS_HOST: z
      .string()
      .min(1)
      .default('127.0.0.1')
      .describe('Interface the listener binds to (0.0.0.0 in a container).'),
    TOOLS_PORT: port().default(8793).describe('Port of the MCP listener (reached through the gateway).'),
    ...metricsConfigShape(9466),
    AUTH_JWKS_URL: url()
      .default('http://127.0.0.1:8789/jwks.json')
      .describe("The auth service's JWKS, used to re-validate every access token."),
    AUTH_INTERNAL_URL: url()
      .default('http://127.0.0.1:8792')
      .describe("Base URL of the auth service's internal listener (token exchange)."),
    INTERNAL_API_SECRET: secret({ minLength: 32 }).describe(
      "Credential presented to the auth service's internal listener (the same value as the auth service's).",
    ),
    GRAPH_BASE_URL: url({ protocols: ['https:'] })
      .default('https://graph.microsoft.com/v1.0')
      .describe('Microsoft Graph base URL (https, with the version segment).'),
    GRAPH_CA_FILE: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Extra CA certificate (PEM file) trusted for Graph (a TLS-inspecting proxy, or the emulator).',
      ),
    GRAPH_MAX_RETRIES: int({ min: 0, max: 10 })
      .default(3)
      .describe('Retries of a throttled (429) or unavailable (503/504) Graph call.'),
    GRAPH_MAX_RETRY_DELAY: duration({ min: 0, max: 120_000 })
      .default(10_000)
      .describe('Longest Retry-After honoured before a call gives up and reports when to retry.'),
    CURSOR_KEYS: csv()
      .refine((keys) => keys.length > 0 && keys.every((key) => key.length >= 32), {
        message: 'one or more keys (comma-separated, newest first), each at least 32 characters',
      })
      .describe(
        'Keys sealing paging cursors (newest first; keep an old key listed until its cursors have expired).',
      ),
    ALLOWED_ORIGINS: csv(url())
      .default([])
      .describe(
        "Origins of browser-based MCP clients allowed besides PUBLIC_URL's (e.g. http://localhost:6274 for MCP Inspector). A request with any other Origin is refused (403); requests without Origin are allowed.",
      ),
    REDIS_URL: url({ protocols: ['redis:', 'rediss:'] })
      .optional()
      .describe(
        'Redis shared by all replicas (legacy SSE session registry and relay). Unset: in memory, one replica.',
      ),
    REDIS_PREFIX: z.string().default('m365mcp:').describe('Prefix of every Redis key and channel.'),
    REPLICA_ID: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash, underscore (at most 64)')
      .optional()
      .describe(
        'Name of this replica in the SSE session registry (default: host name, process id and a random suffix).',
      ),
    TOOLS_WRITES_ENABLED: bool()
      .default(false)
      .describe('Offer the write tools (sendMail, createCalendarEvent). Off by default.'),
    TOOLS_ALLOW: csv()
      .optional()
      .describe(`When set, only these tools are offered. Tools: ${toolNames.join(', ')}.`),
    TOOLS_DENY: csv().optional().describe('Tools never offered (wins over TOOLS_ALLOW and role rules).'),
    TOOLS_ROLE_RULES: roleRules
      .optional()
      .describe(
        'JSON list of rules giving tools only to users with an Entra app role or group: [{"claim":"roles"|"groups","value":"…","tools":["…"]}].',
      ),
    MAX_RESULT_BYTES: int({ min: 4_096, max: 1_048_576 })
      .default(64_000)
      .describe('Tool results above this many bytes of text are cut, with a note and a cursor where paging.'),
    MCP_MAX_BODY_BYTES: int({ min: 1_024, max: 16_777_216 })
      .default(1_048_576)
      .describe('Largest MCP request body accepted (413 above).'),
    SSE_KEEPALIVE: duration({ min: 1_000, max: 120_000 })
      .default(15_000)
      .describe('Interval of keep-alive comments on SSE streams.'),
    SHUTDOWN_TIMEOUT: duration({ min: 1_000, max: 600_000 })
      .default(25_000)
      .describe(
        "On SIGTERM/SIGINT, longest wait for requests in flight to finish before the process exits anyway (exit 1); below the orchestrator's grace period (Kubernetes: 30 s). SSE streams end at once with a retry hint.",
      ),
    // Tool calls are queued here and consumed by the worker of the auth service (docs/audit.md).
    ...auditConfigShape({ workerByDefault: false }),
    // OpenTelemetry traces, off by default (docs/tracing.md).
    ...tracingConfigShape('m365mcp-tools'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info')
      .describe('Log level.'),
  })
  .superRefine((c, ctx) => {
    if (c.AUDIT_SINK === 'redis-stream' && !c.REDIS_URL)
      ctx.addIssue({ code: 'custom', path: ['AUDIT_SINK'], message: 'redis-stream needs REDIS_URL' })
    // Tool names in the policy lists must name tools this build offers: a typo fails the start
    // instead of silently exposing or hiding a tool.
    const checked = policySchema.safeParse({
      writesEnabled: c.TOOLS_WRITES_ENABLED,
      allow: c.TOOLS_ALLOW,
      deny: c.TOOLS_DENY,
    })
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const key = issue.path[0] === 'allow' ? 'TOOLS_ALLOW' : 'TOOLS_DENY'
        ctx.addIssue({ code: 'custom', path: [key], message: issue.message })
      }
    }
  })

export type ToolsConfig = z.infer<typeof configSchema>
