// A gateway (createGatewayServices + buildApp) on a loopback port, configured like server.ts does
// from an environment, for tests that put it in front of upstreams they control. Its rate-limit
// store is Redis when `env.REDIS_URL` is set (keys under env.REDIS_PREFIX, removed afterwards),
// the in-memory store otherwise, or the one passed in.
import type { AddressInfo } from 'node:net'
import { loadConfig } from '@m365mcp/config'
import { createMemoryStore, createRedisStore, type Store } from '@m365mcp/store'
import { cleanupPrefix, createTestRedisClient } from '@m365mcp/testing'
import pino from 'pino'
import { buildApp, configSchema, createGatewayServices, type GatewayServices } from '../../src/index.js'

export interface RunningGateway {
  url: string
  services: GatewayServices
  drain(graceMs?: number): Promise<void>
}

export interface GatewayExtras {
  /** The clock of token checks and rate-limit windows. */
  now?: () => number
  store?: Store
}

type Teardown = (fn: () => Promise<void> | void) => void

export async function startGateway(
  teardown: Teardown,
  env: Record<string, string>,
  port = 0,
  extras: GatewayExtras = {},
): Promise<RunningGateway> {
  const config = loadConfig(configSchema, { LOG_LEVEL: 'silent', ...env })
  const logger = pino({ level: 'silent' })
  const store = extras.store ?? (await ownStore(teardown, config.REDIS_URL, env.REDIS_PREFIX))
  const services = createGatewayServices({
    config,
    logger,
    store,
    ...(extras.now ? { now: extras.now } : {}),
  })
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

async function ownStore(
  teardown: Teardown,
  redisUrl: string | undefined,
  prefix: string | undefined,
): Promise<Store> {
  if (redisUrl === undefined) {
    const memory = createMemoryStore()
    teardown(() => memory.close())
    return memory
  }
  // Other suites share this Redis: a test's keys must sit under its own prefix, removed afterwards.
  if (prefix === undefined) throw new Error('startGateway: REDIS_URL needs a per-test REDIS_PREFIX')
  const client = createTestRedisClient(redisUrl)
  const store = createRedisStore({ redis: client })
  teardown(async () => {
    await cleanupPrefix(client, prefix)
    await store.close()
    client.disconnect()
  })
  return store
}
