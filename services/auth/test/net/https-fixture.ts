// Real HTTPS servers on loopback for the fetch tests: one self-signed certificate per run covering
// the test names, trusted by the fetch through its `ca` option (never the system store).
import { once } from 'node:events'
import { createServer, type Server } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { generate } from 'selfsigned'

export const TEST_NAMES = ['localhost', 'public.test', 'rebind.test', 'cimd.test', 'other.test']

export interface TestCertificate {
  readonly cert: string
  readonly key: string
}

export async function createTestCertificate(): Promise<TestCertificate> {
  const generated = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 86_400_000),
    notAfterDate: new Date(Date.now() + 86_400_000),
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          ...TEST_NAMES.map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
          { type: 7 as const, ip: '127.0.0.2' },
        ],
      },
    ],
  })
  return { cert: generated.cert, key: generated.private }
}

export interface RecordedRequest {
  readonly path: string
  readonly headers: IncomingMessage['headers']
}

export interface TestServer {
  readonly port: number
  readonly requests: RecordedRequest[]
  close(): Promise<void>
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

/** Listens on `host` (port 0 unless given), records every request, and closes hanging sockets too. */
export async function startHttpsServer(
  certificate: TestCertificate,
  handler: Handler,
  options: { host?: string; port?: number } = {},
): Promise<TestServer> {
  const requests: RecordedRequest[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer({ cert: certificate.cert, key: certificate.key }, (req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers })
    handler(req, res)
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    port,
    requests,
    async close() {
      for (const socket of sockets) socket.destroy()
      server.close()
      await once(server, 'close').catch(() => undefined)
    },
  }
}

/** A JSON answer with the given status, body and extra headers. */
export function sendJson(res: ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}
