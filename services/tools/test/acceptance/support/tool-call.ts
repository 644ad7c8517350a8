// The part of a `tools/call` result the acceptance checks read, the same for the SDK 1.x and v2
// clients, so both run one table of cases (read-tool-cases.ts).
export interface ToolOutcome {
  content: { type: string; text?: string }[]
  structuredContent?: Record<string, unknown>
  isError?: boolean
}

export type CallTool = (name: string, args: Record<string, unknown>) => Promise<ToolOutcome>

export function resultText(outcome: ToolOutcome): string {
  return outcome.content.map((c) => (c.type === 'text' ? (c.text ?? '') : '')).join('\n')
}
