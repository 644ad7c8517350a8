// Group membership of the signed-in user (https://learn.microsoft.com/graph/api/user-list-memberof):
// a directoryObject collection of groups with the directory's query rules.
import type { FastifyPluginCallback } from 'fastify'
import { GROUP_SCHEMA, GROUP_SEARCHABLE, toGraphGroup } from '../entities/group.js'
import { DIRECTORY } from '../odata/dialect.js'
import { compileDirectorySearch } from '../odata/search.js'
import { principalOf } from '../request-context.js'
import { sendCollection } from '../respond.js'
import type { GraphRouteOptions } from './options.js'
import { DIRECTORY_PAGE_SIZE } from './users.js'

export const groupRoutes: FastifyPluginCallback<GraphRouteOptions> = (app, { ctx }, done) => {
  app.get('/me/memberOf', { config: { permission: 'memberOf' } }, (request, reply) =>
    sendCollection(request, reply, ctx, {
      items: ctx.store.memberOf(principalOf(request).user.id).map(toGraphGroup),
      schema: GROUP_SCHEMA,
      dialect: DIRECTORY,
      context: (s) => `directoryObjects${s}`,
      defaultPageSize: DIRECTORY_PAGE_SIZE,
      search: (raw) => compileDirectorySearch(raw, GROUP_SEARCHABLE, DIRECTORY),
    }),
  )
  done()
}
