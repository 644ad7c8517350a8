// A test-only MCP server for the transport: `whoami` answers the `sub` of the identity delivered
// with the message (so a test sees whose POST a call ran as), `slow` holds a call in flight.
import { Server, type CallToolResult } from '@modelcontextprotocol/server'
import { callerOf } from '../../../src/auth/principal.js'

export function newTestServer(): Server {
  const server = new Server({ name: 'legacy-sse-test', version: '0.0.0' }, { capabilities: { tools: {} } })
  server.setRequestHandler('tools/list', async () => ({
    tools: [
      { name: 'whoami', description: 'The caller', inputSchema: { type: 'object' } },
      {
        name: 'slow',
        description: 'Answers after ms milliseconds',
        inputSchema: { type: 'object', properties: { ms: { type: 'number' } } },
      },
    ],
  }))
  server.setRequestHandler('tools/call', async (request, ctx): Promise<CallToolResult> => {
    const sub = callerOf(ctx.http?.authInfo)?.principal.sub ?? 'anonymous'
    if (request.params.name === 'slow') {
      const ms = Number(request.params.arguments?.ms ?? 0)
      await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5_000)))
    }
    return { content: [{ type: 'text', text: sub }] }
  })
  return server
}
