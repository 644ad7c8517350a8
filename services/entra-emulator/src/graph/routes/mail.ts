// Reading mail (https://learn.microsoft.com/graph/api/user-list-messages, message-get): /me/messages
// spans every folder, newest first, 10 a page; /me/mailFolders/{id | well-known name}/messages one
// folder. Exchange's restrictions: `$search` cannot be combined with `$filter`, `$orderby` or `$skip`;
// with both `$filter` and `$orderby`, every sorted property must also be filtered on, or Exchange
// answers InefficientFilter.
import type { FastifyPluginCallback, FastifyRequest } from 'fastify'
import type { SeedMessage, WellKnownFolderName } from '../../seed/types.js'
import type { GraphContext } from '../context.js'
import {
  MESSAGE_FREE_TEXT_FIELDS,
  MESSAGE_SCHEMA,
  MESSAGE_SEARCH_FIELDS,
  toGraphMessage,
  withoutBody,
} from '../entities/message.js'
import { GraphError, notFound } from '../errors.js'
import { OUTLOOK } from '../odata/dialect.js'
import { parseQueryOptions } from '../odata/query-options.js'
import { compileTextSearch } from '../odata/text-search.js'
import { mailBasicOnly } from '../permissions.js'
import { principalOf } from '../request-context.js'
import { sendCollection, sendEntity } from '../respond.js'
import type { GraphRouteOptions } from './options.js'

export const MESSAGES_PAGE_SIZE = 10

function checkExchangeRules(request: FastifyRequest): void {
  const { system } = parseQueryOptions(request.url)
  if (system.$search !== undefined) {
    for (const option of ['$filter', '$orderby', '$skip'] as const) {
      if (system[option] !== undefined) {
        throw new GraphError(
          400,
          'ErrorInvalidUrlQuery',
          `The query parameter '${option}' is not supported with '$search'.`,
        )
      }
    }
  }
  if (system.$filter !== undefined && system.$orderby !== undefined) {
    const filter = system.$filter.toLowerCase()
    for (const part of system.$orderby.split(',')) {
      const path = part.trim().split(/\s+/)[0]?.toLowerCase() ?? ''
      if (!filter.includes(path)) {
        throw new GraphError(
          400,
          'InefficientFilter',
          'The restriction or sort order is too complex for this operation.',
        )
      }
    }
  }
}

function resolveFolder(ctx: GraphContext, userId: string, idOrName: string): string {
  const mailbox = ctx.store.mailbox(userId)
  const wellKnown = mailbox?.wellKnownFolderIds[idOrName.toLowerCase() as WellKnownFolderName]
  if (wellKnown) return wellKnown
  if (mailbox?.folders.some((f) => f.id === idOrName)) return idOrName
  throw notFound('outlook', idOrName)
}

export const mailRoutes: FastifyPluginCallback<GraphRouteOptions> = (app, { ctx }, done) => {
  const list = (request: FastifyRequest, messages: readonly SeedMessage[], contextPath: string) => {
    checkExchangeRules(request)
    const { claims } = principalOf(request)
    return {
      items: messages.map(toGraphMessage),
      schema: MESSAGE_SCHEMA,
      dialect: OUTLOOK,
      context: (s: string) => `${contextPath}${s}`,
      defaultPageSize: MESSAGES_PAGE_SIZE,
      search: (raw: string) =>
        compileTextSearch(raw, MESSAGE_SEARCH_FIELDS, OUTLOOK, MESSAGE_FREE_TEXT_FIELDS),
      ...(mailBasicOnly(claims.scopes) ? { finish: withoutBody } : {}),
    }
  }

  app.get('/me/messages', { config: { permission: 'mailRead' } }, (request, reply) => {
    const { user } = principalOf(request)
    return sendCollection(
      request,
      reply,
      ctx,
      list(request, ctx.store.messages(user.id), `users('${user.id}')/messages`),
    )
  })

  app.get('/me/mailFolders/:folderId/messages', { config: { permission: 'mailRead' } }, (request, reply) => {
    const { user } = principalOf(request)
    const { folderId } = request.params as { folderId: string }
    const folder = resolveFolder(ctx, user.id, folderId)
    const messages = ctx.store.messages(user.id).filter((m) => m.parentFolderId === folder)
    return sendCollection(
      request,
      reply,
      ctx,
      list(request, messages, `users('${user.id}')/mailFolders('${folderId}')/messages`),
    )
  })

  app.get('/me/messages/:id', { config: { permission: 'mailRead' } }, (request, reply) => {
    const { user, claims } = principalOf(request)
    const { id } = request.params as { id: string }
    const message = ctx.store.messages(user.id).find((m) => m.id === id)
    if (!message) throw notFound('outlook', id)
    return sendEntity(request, reply, {
      item: toGraphMessage(message),
      schema: MESSAGE_SCHEMA,
      dialect: OUTLOOK,
      context: (s) => `users('${user.id}')/messages${s}/$entity`,
      ...(mailBasicOnly(claims.scopes) ? { finish: withoutBody } : {}),
    })
  })
  done()
}
