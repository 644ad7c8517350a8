// add: the product's first tool, kept with the same name for existing clients. No Graph call.
import { z } from 'zod'
import type { ToolDefinition } from './tool-definition.js'

const input = z.object({
  a: z.number().finite().describe('The first number.'),
  b: z.number().finite().describe('The second number.'),
})
const output = z.object({ sum: z.number().describe('a + b') })

export const add: ToolDefinition<typeof input, typeof output> = {
  name: 'add',
  title: 'Add two numbers',
  description: 'Adds two numbers and returns the sum.',
  input,
  output,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  permissions: [],
  write: false,
  handler({ a, b }) {
    const sum = a + b
    return Promise.resolve({ text: String(sum), structured: { sum } })
  },
}
