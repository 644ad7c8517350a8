// DNS rebinding defence at the tools service (ATTACKS F46; MCP 2025-11-25 "Transports › Security
// Warning"): a foreign Origin is refused before authentication; no Origin, our own origin and an
// allowed client origin pass through to the bearer check.
import t from 'tap'
import { startStack } from '../support/stack.js'

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'origin-test', version: '1' },
  },
}

t.test(
  'origin: a foreign Origin on /mcp, /sse and /messages → 403 JSON-RPC error, even with a valid token',
  async (t) => {
    const stack = await startStack((fn) => t.teardown(fn), {
      replicas: 1,
      toolsEnv: { ALLOWED_ORIGINS: 'http://localhost:6274' },
    })
    const user = await stack.signIn()
    const base = stack.replicas[0]!.url
    const auth = { authorization: `Bearer ${user.accessToken}` }
    const post = (origin?: string) =>
      fetch(`${base}/mcp`, {
        method: 'POST',
        headers: {
          ...auth,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...(origin ? { origin } : {}),
        },
        body: JSON.stringify(INIT),
      })

    const evil = await post('https://evil.example')
    t.equal(evil.status, 403)
    t.match(await evil.json(), { jsonrpc: '2.0', error: { code: -32000 } })
    for (const path of ['/sse', '/messages?sessionId=x']) {
      const res = await fetch(`${base}${path}`, {
        method: path === '/sse' ? 'GET' : 'POST',
        headers: { ...auth, origin: 'https://evil.example', accept: 'text/event-stream' },
      })
      t.equal(res.status, 403, `${path} refuses a foreign Origin`)
      await res.body?.cancel()
    }

    t.equal((await post()).status, 200, 'no Origin: not a browser page, allowed')
    t.equal((await post(stack.publicUrl)).status, 200, 'our own origin')
    t.equal((await post('http://localhost:6274')).status, 200, 'an allowed client origin (MCP Inspector)')
  },
)
