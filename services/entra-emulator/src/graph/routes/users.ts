// The signed-in user and the directory's users: GET /me, /users, /users/$count, /users/{id | upn}
// (https://learn.microsoft.com/graph/api/user-get, user-list). /users lists the caller's tenant only.
import type { FastifyPluginCallback, FastifyRequest } from 'fastify'
import type { SeedUser } from '../../seed/types.js'
import type { GraphContext } from '../context.js'
import { asDirectoryObject, toGraphUser, USER_SCHEMA, USER_SEARCHABLE } from '../entities/user.js'
import { notFound } from '../errors.js'
import { DIRECTORY } from '../odata/dialect.js'
import { compileDirectorySearch } from '../odata/search.js'
import type { PermissionName } from '../permissions.js'
import { principalOf } from '../request-context.js'
import { sendCollection, sendCount, sendEntity } from '../respond.js'
import type { CollectionSpec } from '../respond.js'
import type { GraphRouteOptions } from './options.js'

/** The page size Graph uses for directory collections without $top. */
export const DIRECTORY_PAGE_SIZE = 100

export function graphUser(ctx: GraphContext, user: SeedUser) {
  return toGraphUser(user, ctx.store.tenant(user.tenantId))
}

/** /users/{id | upn} in the caller's tenant, or the directory's 404. */
export function targetUser(ctx: GraphContext, request: FastifyRequest): SeedUser {
  const { id } = request.params as { id: string }
  const user = ctx.store.findUser(principalOf(request).tenant.id, id)
  if (!user) throw notFound('directory', id)
  return user
}

/** Reading yourself through /users/{id} needs only what /me needs. */
export const selfOr =
  (then: PermissionName, otherwise: PermissionName) =>
  (request: FastifyRequest): PermissionName => {
    const { id } = request.params as { id: string }
    const principal = principalOf(request)
    const self =
      id.toLowerCase() === principal.user.id.toLowerCase() ||
      id.toLowerCase() === principal.user.userPrincipalName.toLowerCase()
    return self ? then : otherwise
  }

/** A directoryObject collection of users (directReports, members) with the directory's query rules. */
export function userCollection(
  users: readonly SeedUser[],
  ctx: GraphContext,
  context: string,
  typed: boolean,
): CollectionSpec {
  return {
    items: users.map((u) => (typed ? asDirectoryObject(graphUser(ctx, u)) : graphUser(ctx, u))),
    schema: USER_SCHEMA,
    dialect: DIRECTORY,
    context: (s) => `${context}${s}`,
    defaultPageSize: DIRECTORY_PAGE_SIZE,
    search: (raw) => compileDirectorySearch(raw, USER_SEARCHABLE, DIRECTORY),
  }
}

export const userRoutes: FastifyPluginCallback<GraphRouteOptions> = (app, { ctx }, done) => {
  app.get('/me', { config: { permission: 'me' } }, (request, reply) => {
    const { user } = principalOf(request)
    return sendEntity(request, reply, {
      item: graphUser(ctx, user),
      schema: USER_SCHEMA,
      dialect: DIRECTORY,
      context: (s) => `users${s}/$entity`,
    })
  })

  const allUsers = (request: FastifyRequest) =>
    userCollection(ctx.store.usersOf(principalOf(request).tenant.id), ctx, 'users', false)

  app.get('/users', { config: { permission: 'users' } }, (request, reply) =>
    sendCollection(request, reply, ctx, allUsers(request)),
  )

  // GET /users/$count requires ConsistencyLevel: eventual like $count=true does.
  app.get('/users/$count', { config: { permission: 'users' } }, (request, reply) =>
    sendCount(request, reply, ctx, allUsers(request)),
  )

  app.get('/users/:id', { config: { permission: selfOr('me', 'users') } }, (request, reply) =>
    sendEntity(request, reply, {
      item: graphUser(ctx, targetUser(ctx, request)),
      schema: USER_SCHEMA,
      dialect: DIRECTORY,
      context: (s) => `users${s}/$entity`,
    }),
  )

  done()
}
