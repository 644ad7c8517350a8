// The signed-in user's OneDrive (https://learn.microsoft.com/graph/api/resources/onedrive): the drive,
// its root and items, children, `search(q='…')` (the query is an OData string literal, '' escaping a
// quote) and /recent (files by last access, the one list where Graph fills lastAccessedDateTime).
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import type { SeedDriveItem } from '../../seed/types.js'
import type { GraphContext } from '../context.js'
import { DRIVE_ITEM_SCHEMA, toGraphDriveItem } from '../entities/drive-item.js'
import { GraphError, notFound } from '../errors.js'
import { DRIVE } from '../odata/dialect.js'
import type { GraphObject } from '../odata/schema.js'
import { allWordsPrefixMatch, words } from '../odata/tokens.js'
import { principalOf, sendJson, serviceRoot } from '../request-context.js'
import { sendCollection, sendEntity } from '../respond.js'
import type { GraphRouteOptions } from './options.js'

export const DRIVE_PAGE_SIZE = 200

/** `search(q='…')` → the query text, or undefined when the segment is not a search call. */
export function parseSearchSegment(segment: string): string | undefined {
  const m = /^search\(q='((?:[^']|'')*)'\)$/i.exec(segment)
  return m ? (m[1] as string).replace(/''/g, "'") : undefined
}

function items(ctx: GraphContext, request: FastifyRequest): readonly SeedDriveItem[] {
  return ctx.store.driveItems(principalOf(request).user.id)
}

function findItem(ctx: GraphContext, request: FastifyRequest, id: string): SeedDriveItem {
  const item = items(ctx, request).find((i) => i.id === id)
  if (!item) throw notFound('drive', id)
  return item
}

export const driveRoutes: FastifyPluginCallback<GraphRouteOptions> = (app, { ctx }, done) => {
  const config = { permission: 'driveRead' as const }
  const collection = (request: FastifyRequest, reply: FastifyReply, list: GraphObject[], context: string) =>
    sendCollection(request, reply, ctx, {
      items: list,
      schema: DRIVE_ITEM_SCHEMA,
      dialect: DRIVE,
      context: (s) => `${context}${s}`,
      defaultPageSize: DRIVE_PAGE_SIZE,
    })
  const entity = (request: FastifyRequest, reply: FastifyReply, item: SeedDriveItem) =>
    sendEntity(request, reply, {
      item: toGraphDriveItem(item),
      schema: DRIVE_ITEM_SCHEMA,
      dialect: DRIVE,
      context: (s) => `users('${principalOf(request).user.id}')/drive/items${s}/$entity`,
    })
  const children = (request: FastifyRequest, reply: FastifyReply, parent: SeedDriveItem) =>
    collection(
      request,
      reply,
      items(ctx, request)
        .filter((i) => i.parentReference.id === parent.id && !i.root)
        .map((i) => toGraphDriveItem(i)),
      `users('${principalOf(request).user.id}')/drive/items('${parent.id}')/children`,
    )
  const root = (request: FastifyRequest) => {
    const r = items(ctx, request).find((i) => i.root)
    if (!r) throw notFound('drive', 'root')
    return r
  }
  const search = (request: FastifyRequest, reply: FastifyReply) => {
    const { fn } = request.params as { fn: string }
    const q = parseSearchSegment(fn)
    if (q === undefined)
      throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${fn}'.`)
    const queryWords = words(q)
    const hits = items(ctx, request).filter(
      (i) =>
        !i.root &&
        queryWords.length > 0 &&
        allWordsPrefixMatch(queryWords, `${i.name} ${i.parentReference.path ?? ''}`),
    )
    return collection(
      request,
      reply,
      hits.map((i) => toGraphDriveItem(i)),
      'Collection(driveItem)',
    )
  }

  app.get('/me/drive', { config }, (request, reply) => {
    const drive = ctx.store.drive(principalOf(request).user.id)
    if (!drive) throw notFound('drive', 'drive')
    return sendJson(reply, 200, {
      '@odata.context': `${serviceRoot(request)}/$metadata#drives/$entity`,
      ...drive,
    })
  })
  app.get('/me/drive/root', { config }, (request, reply) => entity(request, reply, root(request)))
  app.get('/me/drive/root/children', { config }, (request, reply) => children(request, reply, root(request)))
  app.get('/me/drive/items/:itemId', { config }, (request, reply) =>
    entity(request, reply, findItem(ctx, request, (request.params as { itemId: string }).itemId)),
  )
  app.get('/me/drive/items/:itemId/children', { config }, (request, reply) =>
    children(request, reply, findItem(ctx, request, (request.params as { itemId: string }).itemId)),
  )
  app.get('/me/drive/root/:fn', { config }, search)
  app.get('/me/drive/:fn', { config }, search)
  app.get('/me/drive/recent', { config }, (request, reply) => {
    const recent = items(ctx, request)
      .filter((i) => i.file)
      .sort((a, b) =>
        b.fileSystemInfo.lastAccessedDateTime.localeCompare(a.fileSystemInfo.lastAccessedDateTime),
      )
      .map((i) => toGraphDriveItem(i, true))
    return collection(request, reply, recent, 'Collection(driveItem)')
  })
  done()
}
