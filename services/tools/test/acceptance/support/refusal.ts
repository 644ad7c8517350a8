// How a `tools/call` is refused through the SDK 1.x client: the JSON-RPC error it throws (McpError),
// reduced to code and message with the tool's name blanked, so a hidden tool's refusal can be
// compared with an unknown tool's.
import { McpError } from '@modelcontextprotocol/sdk/types.js'
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'

export interface Refusal {
  code: number
  message: string
}

export async function refusalOf(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<Refusal | 'called'> {
  try {
    await client.callTool({ name, arguments: args })
    return 'called'
  } catch (error) {
    if (!(error instanceof McpError)) throw error
    return { code: error.code, message: error.message.split(name).join('<tool>') }
  }
}
