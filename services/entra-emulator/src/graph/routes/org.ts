// The org chart: manager and direct reports of the signed-in user or another user
// (https://learn.microsoft.com/graph/api/user-list-manager, user-list-directreports). The top of the
// organisation has no manager: Graph answers 404 Request_ResourceNotFound for 'manager'.
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import type { SeedUser } from '../../seed/types.js'
import { asDirectoryObject, USER_SCHEMA } from '../entities/user.js'
import { notFound } from '../errors.js'
import { DIRECTORY } from '../odata/dialect.js'
import { principalOf } from '../request-context.js'
import { sendCollection, sendEntity } from '../respond.js'
import type { GraphRouteOptions } from './options.js'
import { graphUser, selfOr, targetUser, userCollection } from './users.js'

export const orgRoutes: FastifyPluginCallback<GraphRouteOptions> = (app, { ctx }, done) => {
  const manager = (request: FastifyRequest, reply: FastifyReply, user: SeedUser) => {
    const boss = user.managerId ? ctx.store.user(user.managerId) : undefined
    if (!boss) throw notFound('directory', 'manager')
    return sendEntity(request, reply, {
      item: asDirectoryObject(graphUser(ctx, boss)),
      schema: USER_SCHEMA,
      dialect: DIRECTORY,
      context: (s) => `directoryObjects${s}/$entity`,
    })
  }
  const reports = (request: FastifyRequest, reply: FastifyReply, user: SeedUser) =>
    sendCollection(
      request,
      reply,
      ctx,
      userCollection(ctx.store.directReports(user.id), ctx, 'directoryObjects', true),
    )

  app.get('/me/manager', { config: { permission: 'manager' } }, (request, reply) =>
    manager(request, reply, principalOf(request).user),
  )
  app.get('/me/directReports', { config: { permission: 'directReports' } }, (request, reply) =>
    reports(request, reply, principalOf(request).user),
  )
  app.get('/users/:id/manager', { config: { permission: 'manager' } }, (request, reply) =>
    manager(request, reply, targetUser(ctx, request)),
  )
  // Another user's reports need a directory-wide read permission; your own need only User.Read.
  app.get(
    '/users/:id/directReports',
    { config: { permission: selfOr('directReports', 'manager') } },
    (request, reply) => reports(request, reply, targetUser(ctx, request)),
  )
  done()
}
