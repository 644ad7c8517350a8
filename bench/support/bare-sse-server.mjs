// The baseline of the SSE memory benchmark: a bare Node `http` server that answers every GET with
// SSE headers and an `endpoint` event, as the legacy MCP transport does, and keeps the response
// open (no auth, no session registry, no MCP server). Prints `bare-sse-ready <port>`; exits on
// SIGTERM or when its stdin ends.
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'

const server = createServer((req, res) => {
  if (req.method !== 'GET') {
    res.writeHead(405).end()
    return
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  res.write(`event: endpoint\ndata: /messages?sessionId=${randomBytes(32).toString('base64url')}\n\n`)
})
server.listen(0, '127.0.0.1', () => console.log(`bare-sse-ready ${server.address().port}`))

function stop() {
  server.closeAllConnections()
  server.close(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.stdin.on('end', stop)
process.stdin.resume()
