// Listener timeouts of the gateway (issue 5: an idle SSE stream must outlive clients' own
// timeouts, ≥ 5 minutes; ATTACKS F49: a slow client is cut): a socket idle timeout of
// SSE_IDLE_TIMEOUT, bounded waits for the request's headers and body (which Node stops counting once
// the request has arrived: test/slowloris.test.ts), keep-alive longer than load balancers' 60 s.
import pino from 'pino'
import t from 'tap'
import { loadConfig } from '@m365mcp/config'
import { createMemoryStore } from '@m365mcp/store'
import { buildApp, configSchema, createGatewayServices } from '../src/index.js'

t.test("app: Node timeouts bound a request's arrival and idle sockets, not a stream's length", async (t) => {
  const config = loadConfig(configSchema, { TOOLS_UPSTREAMS: 'http://127.0.0.1:1', SSE_IDLE_TIMEOUT: '15m' })
  const logger = pino({ level: 'silent' })
  const store = createMemoryStore()
  const services = createGatewayServices({ config, logger, store })
  const { app } = await buildApp({ services, logger })
  t.teardown(async () => {
    await app.close()
    await services.close()
    await store.close()
  })
  t.equal(app.server.timeout, 15 * 60_000, 'socket idle timeout = SSE_IDLE_TIMEOUT')
  t.equal(app.server.headersTimeout, 30_000, 'headers must arrive within HTTP_HEADERS_TIMEOUT')
  t.equal(app.server.requestTimeout, 60_000, 'the whole request within HTTP_REQUEST_TIMEOUT')
  const interval = (app.server as unknown as { connectionsCheckingInterval: number })
    .connectionsCheckingInterval
  t.ok(interval <= 15_000, 'deadlines checked at least twice per HTTP_HEADERS_TIMEOUT')
  t.ok(app.server.keepAliveTimeout > 60_000, 'keep-alive outlives a load balancer idle timeout')
})
