// One `tools/call`: arguments checked against the tool's zod schema, the handler run, its result
// checked against the output schema and shaped as a CallToolResult. Failures the model can act on
// (bad arguments, Graph errors) are tool results with `isError` (MCP 2025-11-25 "Tools › Error
// Handling"), worded by us; nothing raw from upstream, no stack, no token reaches the text.
import type { CallToolResult } from '@modelcontextprotocol/server'
import type { z } from 'zod'
import { toToolError } from '../graph/graph-errors.js'
import type { ToolErrorCode } from '../graph/tool-error.js'
import type { ToolCallOutcome } from '../metrics/tools-metrics.js'
import type { ToolContext, ToolDefinition } from '../tools/tool-definition.js'

export async function runTool(
  tool: ToolDefinition,
  args: unknown,
  context: ToolContext,
  /** Told how the call ended (metrics). */
  onOutcome: (outcome: ToolCallOutcome) => void = () => undefined,
): Promise<CallToolResult> {
  const input = tool.input.safeParse(args ?? {})
  if (!input.success) {
    onOutcome('tool_error')
    return errorResult(`Invalid arguments for ${tool.name}: ${describeIssues(input.error)}`)
  }
  const started = context.now()
  try {
    const result = await tool.handler(input.data, context)
    if (tool.output) {
      const checked = tool.output.safeParse(result.structured)
      if (!checked.success) {
        context.logger.error({ issues: checked.error.issues }, 'tool result does not match its output schema')
        onOutcome('error')
        return errorResult(
          'The tool produced an unexpected result. Please report this to your administrator.',
        )
      }
      context.logger.info({ ms: context.now() - started, outcome: 'ok' }, 'tool call')
      onOutcome('ok')
      return {
        content: [{ type: 'text', text: result.text }],
        structuredContent: checked.data,
      }
    }
    context.logger.info({ ms: context.now() - started, outcome: 'ok' }, 'tool call')
    onOutcome('ok')
    return { content: [{ type: 'text', text: result.text }] }
  } catch (error) {
    const toolError = toToolError(error, {
      permissions: tool.permissions,
      logger: context.logger,
      now: context.now,
    })
    context.logger.info({ ms: context.now() - started, outcome: toolError.code }, 'tool call')
    onOutcome(outcomeOf(toolError.code))
    return errorResult(toolError.message)
  }
}

/** The metrics outcome of a tool error: the user's permissions, our fault, or the model's to handle. */
function outcomeOf(code: ToolErrorCode): ToolCallOutcome {
  if (code === 'permission_missing' || code === 'reauth_required') return 'denied'
  return code === 'internal' ? 'error' : 'tool_error'
}

function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true }
}

/** At most three issues, each `path: message`, from our own schema (never upstream text). */
function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.')
    return path ? `${path}: ${issue.message}` : issue.message
  })
  if (error.issues.length > 3) parts.push(`and ${error.issues.length - 3} more`)
  return parts.join('; ')
}
