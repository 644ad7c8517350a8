// Everything the emulator runs for one tenant: its directory, its oidc-provider with storage and
// Entra-shaped responses, the forwarder into it, and user revocation.
import type { EventEmitter } from 'node:events'
import type { FastifyBaseLogger } from 'fastify'
import type { Provider } from 'oidc-provider'
import type { SeedTenant } from '../seed/types.js'
import { createDirectory } from './accounts.js'
import type { Directory, DirectorySeed } from './accounts.js'
import type { ClientRegistry } from './clients.js'
import { requestIds } from './entra-error.js'
import { installEntraResponses } from './entra-responses.js'
import { renderErrorPage } from './error-page.js'
import { PAGE_HEADERS } from './html.js'
import type { TenantKeys } from './keys.js'
import { renderLogoutPage, renderSignedOutPage } from './logout-pages.js'
import { createTenantProvider, providerClientMetadata } from './provider.js'
import { fromProviderError } from './provider-errors.js'
import { createForwarder } from './provider-forward.js'
import type { Forwarder } from './provider-forward.js'
import { createProviderStore } from './provider-store.js'
import { createRevocations } from './revocations.js'
import type { Revocations } from './revocations.js'

export interface TenantIdentity {
  tenant: SeedTenant
  directory: Directory
  provider: Provider
  forward: Forwarder
  revocations: Revocations
}

export interface TenantIdentityDeps {
  origin: string
  tenant: SeedTenant
  directory: DirectorySeed
  keys: TenantKeys
  clients: ClientRegistry
  accessTokenTtlSeconds: number
  now: () => number
  logger: FastifyBaseLogger
  /** Told of every refresh token the token endpoint issues (client, user oid, token). */
  onRefreshTokenIssued?: (clientId: string, userId: string, refreshToken: string) => void
}

export function createTenantIdentity(deps: TenantIdentityDeps): TenantIdentity {
  const tid = deps.tenant.id
  const directory = createDirectory(tid, deps.directory)
  const client = (clientId: string) => deps.clients.get(tid, clientId)
  const store = createProviderStore((clientId) => {
    const registered = client(clientId)
    return registered ? providerClientMetadata(deps.origin, registered) : undefined
  })
  const provider = createTenantProvider({
    origin: deps.origin,
    tenant: deps.tenant,
    keys: deps.keys,
    directory,
    store,
    client,
    accessTokenTtlSeconds: deps.accessTokenTtlSeconds,
    now: deps.now,
    renderError: (ctx, out, err) => {
      const entra = fromProviderError(err, out, responses.errorContext(ctx))
      ctx.status = entra.status
      ctx.set(PAGE_HEADERS)
      ctx.body = renderErrorPage(entra, requestIds(ctx.headers), deps.now())
    },
    logoutSource: (ctx, form) => {
      ctx.set(PAGE_HEADERS)
      ctx.body = renderLogoutPage(form, ctx.oidc.client?.clientName)
    },
    postLogoutSuccessSource: (ctx) => {
      ctx.set(PAGE_HEADERS)
      ctx.body = renderSignedOutPage()
    },
  })
  const responses = installEntraResponses(provider, {
    now: deps.now,
    appName: (clientId) => client(clientId)?.name,
    ...(deps.onRefreshTokenIssued ? { onRefreshTokenIssued: deps.onRefreshTokenIssued } : {}),
  })
  const log = deps.logger.child({ tenant: tid })
  provider.on('server_error', (_ctx, err) => log.error({ err }, 'oidc-provider server error'))
  // Koa's own `error` event (a failure outside oidc-provider's handlers); the typings list only
  // oidc-provider's events.
  ;(provider as unknown as EventEmitter).on('error', (err: unknown) =>
    log.error({ err }, 'oidc-provider request failed'),
  )
  return {
    tenant: deps.tenant,
    directory,
    provider,
    forward: createForwarder(provider, tid, new URL(deps.origin)),
    revocations: createRevocations(store),
  }
}
