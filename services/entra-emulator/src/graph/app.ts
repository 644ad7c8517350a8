// The Microsoft Graph v1.0 emulator: an HTTPS Fastify app serving /v1.0 over the seed, with Graph's
// authentication, permission checks, OData query options, paging, errors, $batch and injected
// faults. It never listens itself; the composition root does.
import Fastify from 'fastify'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { TenantKeys } from '../entra/keys.js'
import type { FaultRegistry } from '../faults/registry.js'
import type { Seed, SeedTenant } from '../seed/types.js'
import { createGraphTokenVerifier } from './auth.js'
import { createGraphContext } from './context.js'
import { createErrorHandler } from './error-handler.js'
import { createGuard, enforceAccessRules } from './guard.js'
import { createNotFoundHandler, createRouteTable } from './not-found.js'
import { createSkipTokenCodec } from './odata/skiptoken.js'
import { batchRoutes } from './routes/batch.js'
import { calendarRoutes } from './routes/calendar.js'
import { createEventRoutes } from './routes/create-event.js'
import { driveRoutes } from './routes/drive.js'
import { findMeetingTimesRoutes } from './routes/find-meeting-times.js'
import { groupRoutes } from './routes/groups.js'
import { mailRoutes } from './routes/mail.js'
import { orgRoutes } from './routes/org.js'
import { peopleRoutes } from './routes/people.js'
import { sendMailRoutes } from './routes/send-mail.js'
import { userRoutes } from './routes/users.js'
import { createGraphStore } from './store.js'

export interface GraphAppDeps {
  https: { key: string; cert: string }
  seed: Seed
  tenants: readonly SeedTenant[]
  keys: TenantKeys
  /** Origin of the identity side, e.g. http://localhost:8790: token issuers are `${origin}/${tid}/v2.0`. */
  identityOrigin: string
  faults: FaultRegistry
  logger: FastifyBaseLogger
  now?: () => number
}

/** Request bodies Graph accepts are small JSON documents; a batch of 20 stays well below this. */
const BODY_LIMIT = 4 * 1024 * 1024

export function buildGraphApp(deps: GraphAppDeps): FastifyInstance {
  const now = deps.now ?? Date.now
  const store = createGraphStore(deps.seed)
  const ctx = createGraphContext(store, createSkipTokenCodec(), now)
  const verifier = createGraphTokenVerifier({
    tenants: deps.tenants,
    keys: deps.keys,
    identityOrigin: deps.identityOrigin,
    now,
  })
  const routes = createRouteTable()

  const app = Fastify({
    https: { key: deps.https.key, cert: deps.https.cert },
    loggerInstance: deps.logger,
    bodyLimit: BODY_LIMIT,
    // Graph routes case-insensitively ("/Me/Messages") and ignores a trailing slash; Exchange ids in
    // path segments run to ~150 characters and a drive search query can be longer.
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 2048 },
  })

  app.decorateRequest('graphIds', null)
  app.decorateRequest('principal', null)
  app.addHook('onRoute', (route) => routes.add(route.url))
  enforceAccessRules(app)
  app.addHook('onRequest', createGuard({ verifier, store, faults: deps.faults }))
  app.setErrorHandler(createErrorHandler(now))
  app.setNotFoundHandler(createNotFoundHandler(routes))

  const opts = { ctx, prefix: '/v1.0' }
  void app.register(userRoutes, opts)
  void app.register(orgRoutes, opts)
  void app.register(groupRoutes, opts)
  void app.register(peopleRoutes, opts)
  void app.register(mailRoutes, opts)
  void app.register(sendMailRoutes, opts)
  void app.register(calendarRoutes, opts)
  void app.register(createEventRoutes, opts)
  void app.register(findMeetingTimesRoutes, opts)
  void app.register(driveRoutes, opts)
  void app.register(batchRoutes, opts)
  return app
}
