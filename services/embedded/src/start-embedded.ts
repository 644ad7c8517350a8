// The composition root of the embedded default: store, emulator (unless real Entra settings are
// given), auth, tools and gateway, each on its own loopback listener built by the package's own
// createServices/buildApp, in one process. Closing runs the stops in reverse: gateway first (no new
// requests), then tools, auth, the emulator and the store last.
import {
  buildApp as buildAuthApp,
  buildInternalApp,
  configSchema as authConfigSchema,
  createServices as createAuthServices,
} from '@m365mcp/auth'
import { startAudit } from '@m365mcp/audit'
import { loadConfig, type Env } from '@m365mcp/config'
import type { RunningEmulator } from '@m365mcp/entra-emulator'
import {
  buildApp as buildGatewayApp,
  configSchema as gatewayConfigSchema,
  createGatewayServices,
} from '@m365mcp/gateway'
import { createMetricsRegistry, createRedisErrorCounter, startMetricsServer } from '@m365mcp/metrics'
import { createMemoryStore, createRedisStore } from '@m365mcp/store'
import {
  buildApp as buildToolsApp,
  configSchema as toolsConfigSchema,
  createToolsServices,
} from '@m365mcp/tools'
import type { Logger } from 'pino'
import type { z } from 'zod'
import { isRealEntra, portVariables, type EmbeddedConfig } from './config.js'
import { startDemoEntra } from './demo-entra.js'
import { listenOn } from './listen.js'
import { resolveSecrets } from './secrets.js'
import { emulatorEnv, LOOPBACK, publicUrlOf, serviceEnvs, type EmulatorLink } from './service-env.js'
import { toConfigError, toPortError } from './startup-error.js'

export type ServiceName = 'auth' | 'tools' | 'gateway' | 'entra-emulator' | 'embedded'

export interface StartEmbeddedOptions {
  config: EmbeddedConfig
  /** The process environment: each service reads its own settings from it. */
  env: Env
  loggerFor: (service: ServiceName) => Logger
}

export interface EmbeddedStack {
  publicUrl: string
  /** The emulator, when no real Entra settings were given. */
  emulator: RunningEmulator | undefined
  storeKind: 'memory' | 'redis'
  /** The metrics listener's URL, when METRICS_PORT opted in. */
  metricsUrl: string | undefined
  close(): Promise<void>
}

export async function startEmbedded({
  config,
  env,
  loggerFor,
}: StartEmbeddedOptions): Promise<EmbeddedStack> {
  const stops: (() => Promise<void>)[] = []
  const close = async () => {
    for (const stop of stops.splice(0).reverse()) await stop()
  }
  try {
    return { ...(await start(config, env, loggerFor, stops)), close }
  } catch (error) {
    await close().catch(() => undefined)
    throw toPortError(error, portVariables(config))
  }
}

async function start(
  config: EmbeddedConfig,
  env: Env,
  loggerFor: StartEmbeddedOptions['loggerFor'],
  stops: (() => Promise<void>)[],
): Promise<Omit<EmbeddedStack, 'close'>> {
  const log = loggerFor('embedded')
  // One registry for the three services: their metric names differ, and the HTTP and Redis metrics
  // carry a `service` label. Process metrics only when someone scrapes them (METRICS_PORT).
  const metricsRegistry = createMetricsRegistry({ defaultMetrics: config.METRICS_PORT !== undefined })
  const redisErrors = createRedisErrorCounter(metricsRegistry, 'embedded')
  const store = config.REDIS_URL
    ? createRedisStore({
        redis: config.REDIS_URL,
        onError: (err, source) => {
          log.error({ err, source }, 'redis error')
          redisErrors(source)
        },
      })
    : createMemoryStore()
  stops.push(() => store.close())
  // One provider for the whole process (the services' own server.ts would each start one); its
  // spans are exported before the store closes. Off by default: the SDK is not even loaded.
  const tracing = config.TRACING_ENABLED
    ? (await import('@m365mcp/tracing')).startTracing({
        serviceName: config.OTEL_SERVICE_NAME,
        endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
        sampleRatio: config.OTEL_TRACES_SAMPLER_ARG,
        logger: log,
      })
    : undefined
  if (tracing) stops.push(() => tracing.shutdown())

  let emulator: RunningEmulator | undefined
  let link: EmulatorLink | undefined
  if (!isRealEntra(config)) {
    const demo = await startDemoEntra(emulatorEnv(env, config), loggerFor('entra-emulator'))
    stops.push(() => demo.close())
    emulator = demo.emulator
    link = demo.link
  }
  const envs = serviceEnvs({
    env,
    config,
    secrets: resolveSecrets(config),
    ...(link ? { emulator: link } : {}),
  })

  const authConfig = parse(authConfigSchema, envs.auth, 'auth')
  const toolsConfig = parse(toolsConfigSchema, envs.tools, 'tools')
  const gatewayConfig = parse(gatewayConfigSchema, envs.gateway, 'gateway')

  const authLogger = loggerFor('auth')
  const toolsLogger = loggerFor('tools')
  // Audit events as in the standalone services (docs/audit.md): without REDIS_URL straight to the
  // sink; with it through the queue, which auth's worker (AUDIT_WORKER_ENABLED) drains. Closed after
  // the services (stops run in reverse), before the store.
  const authAudit = startAudit({
    config: authConfig,
    service: 'auth',
    redisUrl: config.REDIS_URL,
    redisPrefix: authConfig.REDIS_PREFIX,
    logger: authLogger,
  })
  stops.push(() => authAudit.close())
  const toolsAudit = startAudit({
    config: toolsConfig,
    service: 'tools',
    redisUrl: config.REDIS_URL,
    redisPrefix: toolsConfig.REDIS_PREFIX,
    logger: toolsLogger,
  })
  stops.push(() => toolsAudit.close())
  const auth = await createAuthServices({
    config: authConfig,
    store,
    logger: authLogger,
    metricsRegistry,
    audit: authAudit.log,
  })
  stops.push(() => auth.close())
  const authApp = await buildAuthApp({
    services: auth,
    logger: authLogger,
    trustProxy: authConfig.TRUST_PROXY,
    tracing,
  })
  const internal = await buildInternalApp({ services: auth, logger: authLogger, tracing })
  stops.push(async () => {
    await authApp.close()
    await internal.close()
  })
  await listenOn(authApp, { host: authConfig.AUTH_HOST, port: authConfig.AUTH_PORT, variable: 'AUTH_PORT' })
  await listenOn(internal, {
    host: authConfig.AUTH_INTERNAL_HOST,
    port: authConfig.AUTH_INTERNAL_PORT,
    variable: 'AUTH_INTERNAL_PORT',
  })
  authAudit.startWorker()

  const tools = await createToolsServices({
    config: toolsConfig,
    store,
    logger: toolsLogger,
    metricsRegistry,
    audit: toolsAudit.log,
  })
  stops.push(() => tools.close())
  const toolsApp = await buildToolsApp({ services: tools, logger: toolsLogger, tracing })
  stops.push(async () => {
    // As tools' server.ts: stop accepting first, then end SSE streams and let in-flight MCP work
    // finish, then wait for the listener to be closed.
    const closing = toolsApp.app.close()
    await toolsApp.drain()
    await closing
  })
  await listenOn(toolsApp.app, {
    host: toolsConfig.TOOLS_HOST,
    port: toolsConfig.TOOLS_PORT,
    variable: 'TOOLS_PORT',
  })

  const gatewayLogger = loggerFor('gateway')
  const gateway = createGatewayServices({
    config: gatewayConfig,
    logger: gatewayLogger,
    store,
    metricsRegistry,
  })
  stops.push(() => gateway.close())
  await gateway.start()
  const gatewayApp = await buildGatewayApp({ services: gateway, logger: gatewayLogger, tracing })
  stops.push(async () => {
    const closing = gatewayApp.app.close()
    await gatewayApp.drain()
    await closing
  })
  await listenOn(gatewayApp.app, {
    host: gatewayConfig.GATEWAY_HOST,
    port: gatewayConfig.GATEWAY_PORT,
    variable: 'GATEWAY_PORT',
  })

  // Opt-in, loopback only, like every other listener of the embedded default.
  const metrics =
    config.METRICS_PORT === undefined
      ? undefined
      : await startMetricsServer({
          host: LOOPBACK,
          port: config.METRICS_PORT,
          registry: metricsRegistry,
          logger: log,
        })
  if (metrics) stops.push(() => metrics.close())

  return {
    publicUrl: publicUrlOf(config),
    emulator,
    storeKind: config.REDIS_URL ? 'redis' : 'memory',
    metricsUrl: metrics?.url,
  }
}

function parse<S extends z.ZodObject>(schema: S, env: Env, service: string): Readonly<z.output<S>> {
  try {
    return loadConfig(schema, env)
  } catch (error) {
    throw toConfigError(error, service)
  }
}
