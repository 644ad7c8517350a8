// JSON Schemas of a tool's input and output for `tools/list`, computed once per tool. The `$schema`
// key is left out: MCP 2025-11-25 makes 2020-12 the default dialect, and 1.x clients that compile
// output schemas with a draft-07 validator reject an unknown `$schema` URI.
import { z } from 'zod'
import type { ToolDefinition } from '../tools/tool-definition.js'

export interface ToolSchemas {
  readonly inputSchema: { type: 'object'; [key: string]: unknown }
  readonly outputSchema?: { type: 'object'; [key: string]: unknown }
}

const cache = new WeakMap<ToolDefinition, ToolSchemas>()

export function toolSchemas(tool: ToolDefinition): ToolSchemas {
  let schemas = cache.get(tool)
  if (!schemas) {
    schemas = {
      inputSchema: objectSchema(z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' })),
      ...(tool.output
        ? {
            outputSchema: objectSchema(z.toJSONSchema(tool.output, { io: 'output', unrepresentable: 'any' })),
          }
        : {}),
    }
    cache.set(tool, schemas)
  }
  return schemas
}

function objectSchema(schema: Record<string, unknown>): { type: 'object'; [key: string]: unknown } {
  const { $schema: _dialect, ...rest } = schema
  if (rest.type !== 'object') throw new TypeError('tool schemas must describe an object')
  return { ...rest, type: 'object' }
}
