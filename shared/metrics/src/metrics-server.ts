// The metrics listener: GET /metrics in the Prometheus text format, 404 for anything else. It is a
// listener of its own (METRICS_HOST/METRICS_PORT) so operators can scrape it without exposing it:
// the gateway never routes to it, and it answers nothing but the registry.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from 'pino'
import type { Registry } from 'prom-client'

export const METRICS_PATH = '/metrics'

export interface StartMetricsServerOptions {
  host: string
  port: number
  registry: Registry
  logger: Pick<Logger, 'error'>
}

export interface MetricsServer {
  /** `http://host:port/metrics`, with the port actually bound (port 0 picks one). */
  readonly url: string
  close(): Promise<void>
}

function send(res: ServerResponse, status: number, type: string, body: string, extra = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra }).end(body)
}

export async function startMetricsServer(options: StartMetricsServerOptions): Promise<MetricsServer> {
  const { registry, logger } = options
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?', 1)[0]
    if (path !== METRICS_PATH) return send(res, 404, 'text/plain; charset=utf-8', 'Not Found\n')
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed\n', { allow: 'GET, HEAD' })
    try {
      const text = await registry.metrics()
      send(res, 200, registry.contentType, req.method === 'HEAD' ? '' : text)
    } catch (err) {
      logger.error({ err }, 'metrics collection failed')
      send(res, 500, 'text/plain; charset=utf-8', 'metrics collection failed\n')
    }
  }

  const server = createServer((req, res) => void handle(req, res))
  // A scraper keeps its connection open between scrapes; close() must not wait for it.
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { address, port } = server.address() as AddressInfo
  const host = address.includes(':') ? `[${address}]` : address
  return {
    url: `http://${host}:${port}${METRICS_PATH}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      }),
  }
}
