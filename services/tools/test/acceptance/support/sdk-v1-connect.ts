// Connects the MCP TypeScript SDK 1.x client (Streamable HTTP) to `/mcp` with a bearer token, its
// requests spread over the replicas by roundRobinFetch.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { roundRobinFetch, type RoundRobin } from './round-robin-fetch.js'
import type { CallTool, ToolOutcome } from './tool-call.js'

export interface V1Connection {
  client: Client
  transport: StreamableHTTPClientTransport
  spread: RoundRobin
  call: CallTool
}

export async function connectV1(replicaUrls: readonly string[], accessToken: string): Promise<V1Connection> {
  const spread = roundRobinFetch(replicaUrls)
  const transport = new StreamableHTTPClientTransport(new URL(`${replicaUrls[0]}/mcp`), {
    fetch: spread.fetch,
    requestInit: { headers: { authorization: `Bearer ${accessToken}` } },
  })
  const client = new Client({ name: 'acceptance-sdk-v1', version: '1.0.0' })
  await client.connect(transport)
  const call: CallTool = async (name, args) =>
    (await client.callTool({ name, arguments: args })) as unknown as ToolOutcome
  return { client, transport, spread, call }
}
