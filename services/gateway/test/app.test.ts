// Listener timeouts of the gateway (issue 5: an idle SSE stream must outlive clients' own
// timeouts, ≥ 5 minutes): no whole-request timeout, a socket idle timeout of SSE_IDLE_TIMEOUT, a
// bounded wait for request headers, keep-alive longer than load balancers' 60 s.
import pino from 'pino'
import t from 'tap'
import { loadConfig } from '@m365mcp/config'
import { createMemoryStore } from '@m365mcp/store'
import { buildApp, configSchema, createGatewayServices } from '../src/index.js'

t.test('app: Node timeouts never cut a long-lived SSE stream before SSE_IDLE_TIMEOUT', async (t) => {
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
  t.equal(app.server.requestTimeout, 0, 'no whole-request timeout')
  t.equal(app.server.timeout, 15 * 60_000, 'socket idle timeout = SSE_IDLE_TIMEOUT')
  t.ok(
    app.server.headersTimeout > 0 && app.server.headersTimeout <= 60_000,
    'headers must still arrive promptly',
  )
  t.ok(app.server.keepAliveTimeout > 60_000, 'keep-alive outlives a load balancer idle timeout')
})
