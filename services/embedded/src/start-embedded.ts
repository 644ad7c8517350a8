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
import { loadConfig, type Env } from '@m365mcp/config'
import type { RunningEmulator } from '@m365mcp/entra-emulator'
import {
  buildApp as buildGatewayApp,
  configSchema as gatewayConfigSchema,
  createGatewayServices,
} from '@m365mcp/gateway'
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
import { emulatorEnv, publicUrlOf, serviceEnvs, type EmulatorLink } from './service-env.js'
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
  const store = config.REDIS_URL
    ? createRedisStore({ redis: config.REDIS_URL, onError: (err) => log.error({ err }, 'redis error') })
    : createMemoryStore()
  stops.push(() => store.close())

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
  const auth = await createAuthServices({ config: authConfig, store, logger: authLogger })
  stops.push(() => auth.close())
  const authApp = await buildAuthApp({
    services: auth,
    logger: authLogger,
    trustProxy: authConfig.TRUST_PROXY,
  })
  const internal = await buildInternalApp({ services: auth, logger: authLogger })
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

  const toolsLogger = loggerFor('tools')
  const tools = await createToolsServices({ config: toolsConfig, store, logger: toolsLogger })
  stops.push(() => tools.close())
  const toolsApp = await buildToolsApp({ services: tools, logger: toolsLogger })
  stops.push(async () => {
    // Ends SSE streams and in-flight MCP work before the listener closes (as tools' server.ts).
    await toolsApp.drain()
    await toolsApp.app.close()
  })
  await listenOn(toolsApp.app, {
    host: toolsConfig.TOOLS_HOST,
    port: toolsConfig.TOOLS_PORT,
    variable: 'TOOLS_PORT',
  })

  const gatewayLogger = loggerFor('gateway')
  const gateway = createGatewayServices({ config: gatewayConfig, logger: gatewayLogger, store })
  stops.push(() => gateway.close())
  await gateway.start()
  const gatewayApp = await buildGatewayApp({ services: gateway, logger: gatewayLogger })
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

  return { publicUrl: publicUrlOf(config), emulator, storeKind: config.REDIS_URL ? 'redis' : 'memory' }
}

function parse<S extends z.ZodObject>(schema: S, env: Env, service: string): Readonly<z.output<S>> {
  try {
    return loadConfig(schema, env)
  } catch (error) {
    throw toConfigError(error, service)
  }
}
