// A gateway (createGatewayServices + buildApp) on a loopback port, configured like server.ts does
// from an environment, for tests that put it in front of upstreams they control.
import type { AddressInfo } from 'node:net'
import { loadConfig } from '@m365mcp/config'
import pino from 'pino'
import { buildApp, configSchema, createGatewayServices, type GatewayServices } from '../../src/index.js'

export interface RunningGateway {
  url: string
  services: GatewayServices
  drain(graceMs?: number): Promise<void>
}

type Teardown = (fn: () => Promise<void> | void) => void

export async function startGateway(
  teardown: Teardown,
  env: Record<string, string>,
  port = 0,
): Promise<RunningGateway> {
  const config = loadConfig(configSchema, { LOG_LEVEL: 'silent', ...env })
  const logger = pino({ level: 'silent' })
  const services = createGatewayServices({ config, logger })
  await services.start()
  const built = await buildApp({ services, logger })
  const { app } = built
  await app.listen({ host: '127.0.0.1', port })
  teardown(async () => {
    await built.drain(0)
    await app.close()
    await services.close()
  })
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    services,
    drain: (graceMs) => built.drain(graceMs),
  }
}
