// Calls a tool through a real MCP client and checks the parts every successful result shares: no
// `isError`, a text block, and `structuredContent` that parses with the tool's own output schema
// (the contract the server advertised as `outputSchema`). Answers the parsed, typed result.
import type { Test } from 'tap'
import type { z } from 'zod'
import type { ToolDefinition } from '../../../src/tools/index.js'
import { leaks } from './forbidden-text.js'
import { resultText, type CallTool } from './tool-call.js'

export async function expectResult<O extends z.ZodObject>(
  t: Test,
  call: CallTool,
  tool: ToolDefinition<z.ZodObject, O>,
  args: Record<string, unknown>,
): Promise<{ structured: z.output<O>; text: string }> {
  const outcome = await call(tool.name, args)
  const text = resultText(outcome)
  t.equal(outcome.isError, undefined, `${tool.name}: isError is absent (${text.slice(0, 120)})`)
  t.ok(text.length > 0, `${tool.name}: has text for the model`)
  if (!tool.output) throw new Error(`${tool.name} declares no output schema`)
  const parsed = tool.output.safeParse(outcome.structuredContent)
  t.ok(parsed.success, `${tool.name}: structuredContent matches the output schema`)
  if (!parsed.success) throw new Error(`${tool.name}: ${parsed.error.message}`)
  t.same(
    leaks(text).filter((l) => l !== 'a request id (GUID)' && l !== 'a URL'),
    [],
    `${tool.name}: no tokens or traces`,
  )
  return { structured: parsed.data, text }
}
