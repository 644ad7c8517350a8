// The People API (https://learn.microsoft.com/graph/api/user-list-people): the signed-in user's
// colleagues by relevance; `$search` keeps that order and matches names and addresses by prefix.
import type { FastifyPluginCallback } from 'fastify'
import { PERSON_SCHEMA, PERSON_SEARCH_FIELDS, toGraphPerson } from '../entities/person.js'
import { OUTLOOK } from '../odata/dialect.js'
import type { GraphObject } from '../odata/schema.js'
import { compileTextSearch } from '../odata/text-search.js'
import { principalOf } from '../request-context.js'
import { sendCollection } from '../respond.js'
import type { GraphRouteOptions } from './options.js'

export const PEOPLE_PAGE_SIZE = 10

export const peopleRoutes: FastifyPluginCallback<GraphRouteOptions> = (app, { ctx }, done) => {
  app.get('/me/people', { config: { permission: 'people' } }, (request, reply) => {
    const { user } = principalOf(request)
    const items: GraphObject[] = []
    for (const rank of ctx.store.people(user.id)) {
      const person = ctx.store.user(rank.userId)
      if (person) items.push(toGraphPerson(person, rank, ctx.store.tenant(person.tenantId)))
    }
    return sendCollection(request, reply, ctx, {
      items,
      schema: PERSON_SCHEMA,
      dialect: OUTLOOK,
      context: (s) => `users('${user.id}')/people${s}`,
      defaultPageSize: PEOPLE_PAGE_SIZE,
      search: (raw) => compileTextSearch(raw, PERSON_SEARCH_FIELDS, OUTLOOK),
    })
  })
  done()
}
