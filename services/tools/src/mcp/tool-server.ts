// The MCP server of our tools, built fresh for every request (stateless, createMcpHandler) or once
// per legacy SSE session. It keeps nothing about a user: every `tools/list` and `tools/call` reads
// the caller from the request's own `authInfo` (our verified token plus the grant's Graph
// permissions), so the same instance shape serves every replica and every protocol revision.
import { ProtocolError, ProtocolErrorCode, Server } from '@modelcontextprotocol/server'
import type { CallToolResult, ListToolsResult, ServerContext } from '@modelcontextprotocol/server'
import type { AuditLog } from '@m365mcp/audit'
import type { Logger } from 'pino'
import { callerOf, type Caller } from '../auth/principal.js'
import { graphForUser, type GraphForUserDeps } from '../graph/graph-for-user.js'
import { findVisibleTool, visibleTools } from '../policy/tool-policy.js'
import type { ToolPolicyConfig } from '../policy/tool-policy-config.js'
import type { ToolCallOutcome, ToolsMetrics } from '../metrics/tools-metrics.js'
import type { ToolDefinition } from '../tools/tool-definition.js'
import { runTool } from './run-tool.js'
import { toolSchemas } from './tool-schemas.js'

export interface ToolServerDeps {
  readonly tools: readonly ToolDefinition[]
  readonly policy: ToolPolicyConfig
  readonly graph: GraphForUserDeps
  readonly cursorKeys: readonly string[]
  readonly graphBaseUrl: string
  readonly maxResultBytes: number
  readonly logger: Logger
  readonly now: () => number
  readonly serverInfo: { readonly name: string; readonly version: string }
  readonly instructions?: string
  readonly metrics?: Pick<ToolsMetrics, 'toolCall'>
  /** Records every call of a known tool (docs/audit.md): ids, outcome, duration; never arguments. */
  readonly audit?: Pick<AuditLog, 'record'>
}

export function createToolServer(deps: ToolServerDeps): Server {
  const server = new Server(
    { name: deps.serverInfo.name, title: 'Microsoft 365', version: deps.serverInfo.version },
    {
      capabilities: { tools: { listChanged: false } },
      ...(deps.instructions ? { instructions: deps.instructions } : {}),
    },
  )

  server.setRequestHandler('tools/list', async (_request, ctx): Promise<ListToolsResult> => {
    const caller = requireCaller(ctx)
    const grantedScopes = await scopesOf(caller, deps)
    const { visible } = visibleTools(deps.tools, { grantedScopes, claims: claimsOf(caller) }, deps.policy)
    return {
      tools: visible.map((tool) => ({
        name: tool.name,
        title: tool.title,
        description: tool.description,
        ...toolSchemas(tool),
        annotations: { title: tool.title, ...tool.annotations },
      })),
    }
  })

  server.setRequestHandler('tools/call', async (request, ctx): Promise<CallToolResult> => {
    const caller = requireCaller(ctx)
    const grantedScopes = await scopesOf(caller, deps)
    const name = request.params.name
    const user = { grantedScopes, claims: claimsOf(caller) }
    const tool = findVisibleTool(name, deps.tools, user, deps.policy)
    // An unknown and a hidden tool are refused alike (MCP 2025-11-25 "Tools › Error Handling":
    // unknown tools are protocol errors), so errors never reveal what the policy hides.
    if (!tool) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${name.slice(0, 100)}`)
    const log = deps.logger.child({ tool: tool.name, sub: caller.principal.sub })
    const started = performance.now()
    let outcome: ToolCallOutcome = 'error'
    const graphRequestIds: string[] = []
    const result = runTool(
      tool,
      request.params.arguments,
      {
        graph: graphForUser(deps.graph, {
          accessToken: caller.principal.token,
          grantId: caller.principal.grantId,
          onRequestId: (id) => graphRequestIds.push(id),
        }),
        user: { sub: caller.principal.sub, grantId: caller.principal.grantId },
        grantedScopes,
        cursorKeys: deps.cursorKeys,
        graphBaseUrl: deps.graphBaseUrl,
        maxResultBytes: deps.maxResultBytes,
        logger: log,
        now: deps.now,
      },
      (ended) => (outcome = ended),
    )
    // Counted however it ends, by the tool's own name (from the fixed list, never the request's).
    return result.finally(() => {
      const ms = performance.now() - started
      deps.metrics?.toolCall(tool.name, outcome, ms / 1000)
      deps.audit?.record({
        kind: 'tool_call',
        subject: caller.principal.sub,
        clientId: caller.principal.clientId,
        grantId: caller.principal.grantId,
        tool: tool.name,
        outcome,
        durationMs: Math.round(ms),
        ...(graphRequestIds.length > 0 ? { graphRequestIds: graphRequestIds.slice(0, 50) } : {}),
      })
    })
  })

  return server
}

function requireCaller(ctx: ServerContext): Caller {
  const caller = callerOf(ctx.http?.authInfo)
  // Every transport we mount authenticates before delivering a message; reaching here without a
  // caller is a wiring fault, answered as an internal error rather than served anonymously.
  if (!caller) throw new ProtocolError(ProtocolErrorCode.InternalError, 'Request is not authenticated')
  return caller
}

function claimsOf(caller: Caller) {
  return { roles: caller.principal.roles, groups: caller.principal.groups }
}

/** The grant's Graph permissions: from the request's exchange, else asked again now. */
async function scopesOf(caller: Caller, deps: ToolServerDeps): Promise<readonly string[]> {
  if (caller.grantedScopes) return caller.grantedScopes
  try {
    return (await deps.graph.tokens.graphToken(caller.principal.token, caller.principal.grantId)).scopes
  } catch (error) {
    deps.logger.warn({ err: error, grantId: caller.principal.grantId }, 'token exchange unavailable')
    throw new ProtocolError(
      ProtocolErrorCode.InternalError,
      'The connection to Microsoft 365 is not available right now; try again in a minute.',
    )
  }
}
