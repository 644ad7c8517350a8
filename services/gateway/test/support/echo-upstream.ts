// A tiny upstream that stands in for a tools replica where a test must see exactly what arrives:
// it records each request (method, url, headers, body), answers /healthz (switchable), answers
// POST /mcp with a JSON-RPC result naming itself, and on GET /sse sends the legacy `endpoint`
// event (or nothing, with `?silent`), then stays silent and reports when the gateway closes the
// stream; `?reset` and `?cut` make it fail before answering or mid-stream, `?slow=<ms>` delays an
// answer.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SeenRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

export interface EchoUpstream {
  url: string
  name: string
  seen: SeenRequest[]
  healthy: boolean
  /** Resolves when an /sse stream this upstream served was closed by the other side. */
  sseClosed: Promise<void>
  close(): Promise<void>
}

type Teardown = (fn: () => Promise<void> | void) => void

export async function startEchoUpstream(
  teardown: Teardown,
  name: string,
  options: { host?: string } = {},
): Promise<EchoUpstream> {
  let markClosed: () => void = () => {}
  const sseClosed = new Promise<void>((resolve) => (markClosed = resolve))
  const upstream: EchoUpstream = {
    url: '',
    name,
    seen: [],
    healthy: true,
    sseClosed,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString()
      if (req.url === '/healthz') {
        res.writeHead(upstream.healthy ? 200 : 503, { 'content-type': 'application/json' })
        return res.end(JSON.stringify({ status: upstream.healthy ? 'ok' : 'down' }))
      }
      upstream.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
      // `?reset`: the connection dropped before any answer (a replica crashing on the request).
      if (req.url?.startsWith('/sse?reset')) return req.socket.destroy()
      if (req.url?.startsWith('/sse')) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
        // `?silent`: headers only, the stream idle from its first byte.
        if (req.url.includes('silent')) res.flushHeaders()
        else res.write(`event: endpoint\ndata: /messages?sessionId=${name}\n\n`)
        res.on('close', () => markClosed())
        // `?cut`: the stream dropped after its first event (a replica dying mid-stream).
        if (req.url.includes('cut')) setTimeout(() => req.socket.destroy(), 20)
        return undefined
      }
      // A page that redirects (as /authorize does), to check Location passes the proxy untouched.
      const redirect = req.url?.startsWith('/authorize')
        ? { location: 'https://login.example/authorize?x=1' }
        : {}
      // `?slow=<ms>`: the answer comes that late (a long tool call).
      const delay = Number(new URL(req.url ?? '/', 'http://upstream').searchParams.get('slow') ?? 0)
      if (delay > 0) setTimeout(() => answer(res, redirect), delay)
      else answer(res, redirect)
      return undefined
    })
  })
  const answer = (res: ServerResponse, redirect: { location?: string }) => {
    res.writeHead(redirect.location ? 302 : 200, {
      ...redirect,
      'content-type': 'application/json',
      'x-upstream': name,
      'access-control-allow-origin': '*',
      'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
    })
    res.end(JSON.stringify({ jsonrpc: '2.0', id: 1, result: { upstream: name } }))
  }
  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve))
  teardown(() => {
    server.closeAllConnections()
    return upstream.close()
  })
  const port = (server.address() as AddressInfo).port
  upstream.url = `http://127.0.0.1:${port}`
  return upstream
}
