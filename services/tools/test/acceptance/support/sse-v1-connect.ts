// Connects the MCP TypeScript SDK 1.x client over the legacy HTTP+SSE transport: the stream is
// opened on one replica, and every POST /messages is sent to another one, so each message must
// cross replicas through the session registry and the pub/sub relay.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js'
import type { CallTool, ToolOutcome } from './tool-call.js'

export interface SseConnection {
  client: Client
  /** POSTs that went to the replica without the stream. */
  relayedPosts: () => number
  call: CallTool
}

export async function connectSse(options: {
  streamReplica: string
  postReplica: string
  accessToken: string
}): Promise<SseConnection> {
  let relayed = 0
  const authorization = `Bearer ${options.accessToken}`
  const transport = new SSEClientTransport(new URL(`${options.streamReplica}/sse`), {
    eventSourceInit: {
      fetch: (url, init) => fetch(url, { ...init, headers: { ...init?.headers, authorization } }),
    },
    requestInit: { headers: { authorization } },
    fetch: async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input))
      if (init?.method === 'POST' && url.pathname === '/messages') {
        const target = new URL(`${url.pathname}${url.search}`, options.postReplica)
        relayed++
        return fetch(target, init)
      }
      return fetch(input, init)
    },
  })
  const client = new Client({ name: 'acceptance-sdk-v1-sse', version: '1.0.0' })
  await client.connect(transport)
  const call: CallTool = async (name, args) =>
    (await client.callTool({ name, arguments: args })) as unknown as ToolOutcome
  return { client, relayedPosts: () => relayed, call }
}
