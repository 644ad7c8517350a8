// The tools service's domain metrics: tool calls (count and duration by tool and outcome), Graph
// requests, throttling and retries, and open legacy SSE sessions on this replica. Tool names come
// from the fixed tool list (an unknown name is refused before anything is counted); no label ever
// carries a user, a grant, a URL or an error text.
import { counter, DURATION_BUCKETS, gauge, histogram, type Registry } from '@m365mcp/metrics'

/**
 * `ok`; `tool_error`: an error result the model can act on (bad arguments, not found, throttled,
 * Graph unavailable); `denied`: the user lacks a Graph permission or must sign in again; `error`:
 * a fault of ours (a result not matching its schema, an unexpected exception).
 */
export type ToolCallOutcome = 'ok' | 'tool_error' | 'denied' | 'error'

export interface GraphMetrics {
  /** One HTTP exchange with Graph (each attempt, each redirect hop); no status: a network error. */
  graphResponse(status: number | undefined): void
  /** A retry the retry policy decided to make. */
  graphRetry(): void
}

export interface ToolsMetrics extends GraphMetrics {
  readonly registry: Registry
  toolCall(tool: string, outcome: ToolCallOutcome, seconds: number): void
  /** Counts a legacy SSE session as open until the returned function is called (idempotent). */
  sseSessionOpened(): () => void
}

function statusClass(status: number | undefined): string {
  if (status === undefined) return 'network_error'
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other'
}

export function createToolsMetrics(registry: Registry): ToolsMetrics {
  const calls = counter(registry, {
    name: 'm365mcp_tool_calls_total',
    help: 'tools/call requests of known tools, by tool and outcome (ok, tool_error, denied, error).',
    labelNames: ['tool', 'outcome'] as const,
  })
  const durations = histogram(registry, {
    name: 'm365mcp_tool_call_duration_seconds',
    help: 'Duration of tools/call (Graph calls and retries included), by tool and outcome, in seconds.',
    labelNames: ['tool', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
  })
  const graphRequests = counter(registry, {
    name: 'm365mcp_graph_requests_total',
    help: 'HTTP exchanges with Microsoft Graph, by status class (2xx, 4xx, 5xx, network_error).',
    labelNames: ['status_class'] as const,
  })
  const throttled = counter(registry, {
    name: 'm365mcp_graph_throttled_total',
    help: 'Graph answers 429 Too Many Requests (each attempt).',
  })
  const retries = counter(registry, {
    name: 'm365mcp_graph_retries_total',
    help: 'Graph requests retried after 429, 503 or 504 (each retry).',
  })
  const sessions = gauge(registry, {
    name: 'm365mcp_sse_sessions_open',
    help: 'Legacy HTTP+SSE sessions whose stream is held by this tools replica.',
  })
  return {
    registry,
    toolCall(tool, outcome, seconds) {
      calls.inc({ tool, outcome })
      durations.observe({ tool, outcome }, seconds)
    },
    graphResponse(status) {
      graphRequests.inc({ status_class: statusClass(status) })
      if (status === 429) throttled.inc()
    },
    graphRetry: () => retries.inc(),
    sseSessionOpened() {
      sessions.inc()
      let open = true
      return () => {
        if (!open) return
        open = false
        sessions.dec()
      }
    },
  }
}
