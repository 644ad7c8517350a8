// Connects the MCP v2 client (`@modelcontextprotocol/client`) to `/mcp` with a bearer token, letting
// it probe with `server/discover` and pick the newest revision, its requests spread over the
// replicas by roundRobinFetch.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { roundRobinFetch, type RoundRobin } from './round-robin-fetch.js'
import type { CallTool, ToolOutcome } from './tool-call.js'

export interface V2Connection {
  client: Client
  spread: RoundRobin
  call: CallTool
}

export async function connectV2(replicaUrls: readonly string[], accessToken: string): Promise<V2Connection> {
  const spread = roundRobinFetch(replicaUrls)
  const transport = new StreamableHTTPClientTransport(new URL(`${replicaUrls[0]}/mcp`), {
    fetch: spread.fetch,
    requestInit: { headers: { authorization: `Bearer ${accessToken}` } },
  })
  const client = new Client(
    { name: 'acceptance-sdk-v2', version: '2.0.0' },
    { versionNegotiation: { mode: 'auto' } },
  )
  await client.connect(transport)
  const call: CallTool = async (name, args) =>
    (await client.callTool({ name, arguments: args })) as unknown as ToolOutcome
  return { client, spread, call }
}
