// TEST ONLY: a loopback reverse proxy that adds `Authorization: Bearer <token>` to every request
// and forwards it unchanged otherwise (Host and Origin included), so an unauthenticated test
// client such as the conformance CLI can reach a real, authenticating `/mcp`. Authentication in the
// service is never switched off; the token is a real one from the stack's sign-in.
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'

type Teardown = (fn: () => Promise<void> | void) => void

export async function startTokenProxy(teardown: Teardown, target: string, token: string): Promise<string> {
  const upstream = new URL(target)
  const server = createServer((req, res) => {
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, authorization: `Bearer ${token}` },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    forwarded.on('error', () => {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
    req.pipe(forwarded)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  teardown(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}
