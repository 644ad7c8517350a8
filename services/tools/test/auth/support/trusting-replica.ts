// One tools replica, built as production builds it (createToolsServices + buildApp), that trusts
// the keys of our own JWKS server instead of the auth service's. Its token exchange points at a
// closed port: an unreachable exchange does not block a request (see caller-resolver.ts), so a
// token that verifies is served and one that does not is refused by the bearer check alone.
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { loadConfig } from '@m365mcp/config'
import { createRedisStore } from '@m365mcp/store'
import { cleanupPrefix, createTestRedisClient, freePort, getTestRedis, uniquePrefix } from '@m365mcp/testing'
import pino from 'pino'
import { buildApp, configSchema, createToolsServices } from '../../../src/index.js'

type Teardown = (fn: () => Promise<void> | void) => void

export interface TrustingReplica {
  /** Base URL of the replica (`/mcp`, `/sse`, `/healthz`). */
  url: string
  /** The issuer its tokens must carry (the PUBLIC_URL origin). */
  issuer: string
  /** The resource (audience) of `/mcp` and `/sse`. */
  resource(path: '/mcp' | '/sse'): string
}

export async function startTrustingReplica(teardown: Teardown, jwksUrl: string): Promise<TrustingReplica> {
  const logger = pino({ level: 'silent' })
  const redis = await getTestRedis()
  const prefix = uniquePrefix('tools-auth')
  const client = createTestRedisClient(redis.url)
  const store = createRedisStore({ redis: client, prefix })
  teardown(async () => {
    await cleanupPrefix(client, prefix)
    await store.close()
    client.disconnect()
  })
  const publicUrl = `http://localhost:${await freePort()}`
  const config = loadConfig(configSchema, {
    PUBLIC_URL: publicUrl,
    AUTH_JWKS_URL: jwksUrl,
    AUTH_INTERNAL_URL: `http://127.0.0.1:${await freePort()}`,
    INTERNAL_API_SECRET: randomBytes(32).toString('base64url'),
    CURSOR_KEYS: randomBytes(32).toString('base64url'),
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'silent',
  })
  const services = await createToolsServices({ config, store, logger })
  const { app, drain } = await buildApp({ services, logger })
  await app.listen({ host: '127.0.0.1', port: 0 })
  teardown(async () => {
    await drain()
    await app.close()
    await services.close()
  })
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    issuer: publicUrl,
    resource: (path) => `${publicUrl}${path}`,
  }
}
