// The gateway's configuration: one zod schema, keys are the environment variable names. Rendered
// into docs/configuration.md by `npm run docs:config`.
import { csv, duration, int, port, url } from '@m365mcp/config'
import { metricsConfigShape } from '@m365mcp/metrics/config'
import { tracingConfigShape } from '@m365mcp/tracing/config'
import { z } from 'zod'
import { parseTrustProxy } from './proxy/trust-proxy.js'

export const serviceName = 'gateway'
export const title = 'Gateway, the public origin (services/gateway)'

// `host:port`: a DNS name (or address) whose A/AAAA records are the tools replicas.
const HOST_PORT = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/

const origin = url().transform((value, ctx) => {
  const parsed = new URL(value)
  if (parsed.pathname !== '/' || parsed.search !== '' || parsed.hash !== '') {
    ctx.addIssue({ code: 'custom', message: 'must be an origin (scheme://host[:port]) without a path' })
    return z.NEVER
  }
  return parsed.origin
})

export const configSchema = z
  .object({
    PUBLIC_URL: url()
      .default('http://localhost:8788')
      .describe(
        'The public origin clients use (this gateway): the OAuth issuer, and the base of the MCP resources /mcp and /sse.',
      ),
    GATEWAY_HOST: z
      .string()
      .min(1)
      .default('127.0.0.1')
      .describe('Interface the listener binds to (0.0.0.0 in a container).'),
    GATEWAY_PORT: port().default(8788).describe('Port of the public listener.'),
    ...metricsConfigShape(9464),
    AUTH_UPSTREAM: origin
      .default('http://127.0.0.1:8789')
      .describe("Origin of the auth service's public listener (never its internal one)."),
    AUTH_JWKS_URL: url()
      .default('http://127.0.0.1:8789/jwks.json')
      .describe("The auth service's JWKS, used to validate every MCP request's access token."),
    TOOLS_UPSTREAMS: csv(origin)
      .optional()
      .describe(
        'The tools replicas, comma-separated origins (`http://10.0.0.5:8793`). Set this or TOOLS_UPSTREAM_DNS, not both.',
      ),
    TOOLS_UPSTREAM_DNS: z
      .string()
      .regex(HOST_PORT, 'must be host:port')
      .optional()
      .describe(
        'The tools replicas as one DNS name and port (`tools:8793`): every A/AAAA record is a replica, re-resolved every TOOLS_DNS_REFRESH.',
      ),
    TOOLS_DNS_REFRESH: duration({ min: 1_000, max: 600_000 })
      .default(10_000)
      .describe('How often TOOLS_UPSTREAM_DNS is resolved again.'),
    HEALTH_CHECK_INTERVAL: duration({ min: 100, max: 300_000 })
      .default(5_000)
      .describe('Interval of the active health check (GET /healthz) of each tools replica.'),
    HEALTH_CHECK_TIMEOUT: duration({ min: 50, max: 60_000 })
      .default(2_000)
      .describe('A health check not answered 2xx within this time marks the replica down.'),
    UPSTREAM_HEADERS_TIMEOUT: duration({ min: 1_000, max: 3_600_000 })
      .default(120_000)
      .describe('Longest wait for an upstream to start its response (504 after).'),
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((raw, ctx) => {
        const parsed = parseTrustProxy(raw)
        if (parsed.ok) return parsed.value
        ctx.addIssue({ code: 'custom', message: parsed.reason })
        return z.NEVER
      })
      .describe(
        'Proxies in front of the gateway whose X-Forwarded-*/Forwarded headers are believed: false (none, the default: the gateway is the edge), a hop count, or addresses/CIDRs/loopback, comma-separated.',
      ),
    ALLOWED_ORIGINS: csv(origin)
      .default([])
      .describe(
        'Browser origins allowed to call /mcp, /sse and /messages (CORS); the PUBLIC_URL origin is always allowed.',
      ),
    MAX_BODY_BYTES: int({ min: 1_024, max: 16_777_216 })
      .default(1_048_576)
      .describe('Largest request body forwarded (413 above).'),
    SSE_IDLE_TIMEOUT: duration({ min: 300_000, max: 86_400_000 })
      .default(600_000)
      .describe(
        'An SSE stream (or any connection) silent for this long in both directions is closed; longer than clients wait (at least 5 minutes).',
      ),
    SSE_KEEPALIVE: duration({ min: 1_000, max: 120_000 })
      .default(15_000)
      .describe('A comment line is sent on a proxied SSE stream that was silent this long.'),
    SSE_MAX_STREAMS_PER_USER: int({ min: 0, max: 100_000 })
      .default(20)
      .describe(
        'SSE streams (GET /sse, GET /mcp) one user (`sub`) may hold open at once on each gateway replica (429 above); 0 disables.',
      ),
    HTTP_HEADERS_TIMEOUT: duration({ min: 1_000, max: 300_000 })
      .default(30_000)
      .describe(
        'A client must send its complete request headers within this time of its first byte, else the connection is cut (slowloris).',
      ),
    HTTP_REQUEST_TIMEOUT: duration({ min: 1_000, max: 3_600_000 })
      .default(60_000)
      .describe(
        'A client must send its complete request (headers and body) within this time, else 408 and the connection is cut; the response (an SSE stream, a long tool call) is not bounded by it. At least HTTP_HEADERS_TIMEOUT.',
      ),
    REDIS_URL: url({ protocols: ['redis:', 'rediss:'] })
      .optional()
      .describe(
        'Redis shared by all gateway replicas (rate-limit counters). Unset: an in-memory store, so each replica counts on its own.',
      ),
    REDIS_PREFIX: z
      .string()
      .default('m365mcp:')
      .describe('Prefix of every Redis key this service uses (its keys sit under `<prefix>gateway:`).'),
    RATE_LIMIT_USER_PER_MINUTE: int({ min: 0, max: 1_000_000 })
      .default(600)
      .describe(
        'Requests to /mcp, /sse and /messages one user (`sub`) may make per minute, across all gateway replicas (429 above); 0 disables.',
      ),
    RATE_LIMIT_CLIENT_PER_MINUTE: int({ min: 0, max: 10_000_000 })
      .default(3000)
      .describe(
        'Requests to /mcp, /sse and /messages all users of one OAuth client (`client_id`) may make per minute, across all gateway replicas (429 above); 0 disables.',
      ),
    RATE_LIMIT_STORE_TIMEOUT: duration({ min: 10, max: 10_000 })
      .default(500)
      .describe(
        'Longest wait for the rate-limit counters; a store slower than this (or down) lets the request through, logged.',
      ),
    SHUTDOWN_TIMEOUT: duration({ min: 1_000, max: 600_000 })
      .default(25_000)
      .describe(
        "On SIGTERM/SIGINT, longest wait for requests in flight to finish before the process exits anyway (exit 1); below the orchestrator's grace period (Kubernetes: 30 s). Proxied SSE streams end at once with a retry hint.",
      ),
    // OpenTelemetry traces, off by default (docs/tracing.md).
    ...tracingConfigShape('m365mcp-gateway'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info')
      .describe('Log level.'),
  })
  .superRefine((c, ctx) => {
    const lists = c.TOOLS_UPSTREAMS !== undefined && c.TOOLS_UPSTREAMS.length > 0
    const dns = c.TOOLS_UPSTREAM_DNS !== undefined
    if (lists === dns) {
      const message = lists
        ? 'set TOOLS_UPSTREAMS or TOOLS_UPSTREAM_DNS, not both'
        : 'one of TOOLS_UPSTREAMS or TOOLS_UPSTREAM_DNS is required'
      ctx.addIssue({ code: 'custom', path: ['TOOLS_UPSTREAMS'], message })
    }
    if (c.SSE_KEEPALIVE >= c.SSE_IDLE_TIMEOUT)
      ctx.addIssue({
        code: 'custom',
        path: ['SSE_KEEPALIVE'],
        message: 'must be shorter than SSE_IDLE_TIMEOUT',
      })
    if (c.HTTP_HEADERS_TIMEOUT > c.HTTP_REQUEST_TIMEOUT)
      ctx.addIssue({
        code: 'custom',
        path: ['HTTP_HEADERS_TIMEOUT'],
        message: 'must not be longer than HTTP_REQUEST_TIMEOUT',
      })
  })

export type GatewayConfig = z.infer<typeof configSchema>
