// The MCP SDK 1.x SSE client as a real client uses it, with a bearer header; `postTo` rewrites the
// POST /messages URL to another replica, as a load balancer without sticky sessions would.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js'

export interface ConnectedClient {
  client: Client
  transport: SSEClientTransport
  /** The session id the server announced (from the endpoint the client POSTs to). */
  sessionId: () => string
  /** Resolves when the transport reports an error or closes. */
  ended: Promise<'error' | 'close'>
}

export async function connectSseClient(options: {
  sseUrl: string
  accessToken: string
  postTo?: string
}): Promise<ConnectedClient> {
  let lastPost = ''
  const rewrite: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (url.pathname === '/messages') {
      lastPost = url.searchParams.get('sessionId') ?? ''
      if (options.postTo) {
        const target = new URL(options.postTo)
        url.protocol = target.protocol
        url.host = target.host
      }
    }
    return fetch(url, init)
  }
  const transport = new SSEClientTransport(new URL('/sse', options.sseUrl), {
    requestInit: { headers: { authorization: `Bearer ${options.accessToken}` } },
    fetch: rewrite,
  })
  const client = new Client({ name: 'legacy-sse-test', version: '0.0.0' })
  let ended: (how: 'error' | 'close') => void = () => {}
  const endedPromise = new Promise<'error' | 'close'>((resolve) => (ended = resolve))
  await client.connect(transport)
  const { onerror, onclose } = transport
  transport.onerror = (error) => {
    ended('error')
    onerror?.call(transport, error)
  }
  transport.onclose = () => {
    ended('close')
    onclose?.call(transport)
  }
  return { client, transport, sessionId: () => lastPost, ended: endedPromise }
}
