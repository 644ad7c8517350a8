// Shared response builders for routes: a queried, paged collection and a single entity with $select.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { GraphContext } from './context.js'
import { queryCollection, selectItems } from './odata/collection.js'
import type { CollectionQuery } from './odata/collection.js'
import type { ODataDialect } from './odata/dialect.js'
import type { Predicate } from './odata/filter.js'
import { parseQueryOptions } from './odata/query-options.js'
import type { EntitySchema, GraphObject } from './odata/schema.js'
import { parseSelect, project, selectContextSuffix } from './odata/select.js'
import { pageBinding } from './odata/skiptoken.js'
import { principalOf, isEventual, sendJson, serviceRoot } from './request-context.js'

export interface CollectionSpec {
  items: readonly GraphObject[]
  schema: EntitySchema
  dialect: ODataDialect
  /** `@odata.context` after `$metadata#`, given the `$select` suffix: (s) => `users${s}`. */
  context: (selectSuffix: string) => string
  defaultPageSize: number
  search?: (raw: string) => Predicate
  finish?: (item: GraphObject) => GraphObject
}

export function collectionQuery(
  request: FastifyRequest,
  ctx: GraphContext,
  spec: CollectionSpec,
): CollectionQuery {
  const { claims } = principalOf(request)
  const root = serviceRoot(request)
  const rawPath = request.url.split('?')[0] ?? ''
  const query = parseQueryOptions(request.url)
  return {
    items: spec.items,
    schema: spec.schema,
    dialect: spec.dialect,
    query,
    eventual: isEventual(request),
    context: (suffix) => `${root}/$metadata#${spec.context(suffix)}`,
    linkBase: `${root.slice(0, -'/v1.0'.length)}${rawPath}`,
    skiptokens: ctx.skiptokens,
    binding: pageBinding(`${claims.tid}/${claims.oid}`, rawPath, query.pairs),
    defaultPageSize: spec.defaultPageSize,
    ...(spec.search ? { search: spec.search } : {}),
    ...(spec.finish ? { finish: spec.finish } : {}),
  }
}

export function sendCollection(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: GraphContext,
  spec: CollectionSpec,
): FastifyReply {
  return sendJson(reply, 200, queryCollection(collectionQuery(request, ctx, spec)))
}

/** `/$count`: the number of matching items as text/plain. */
export function sendCount(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: GraphContext,
  spec: CollectionSpec,
): FastifyReply {
  const q = collectionQuery(request, ctx, spec)
  if (spec.dialect.workload === 'directory' && !q.eventual)
    throw spec.dialect.syntax('$count is not currently supported.')
  const count = selectItems(q).length
  return reply.code(200).type('text/plain; charset=utf-8').send(String(count))
}

export interface EntitySpec {
  item: GraphObject
  schema: EntitySchema
  dialect: ODataDialect
  /** `@odata.context` after `$metadata#`, given the `$select` suffix. */
  context: (selectSuffix: string) => string
  finish?: (item: GraphObject) => GraphObject
}

export function sendEntity(request: FastifyRequest, reply: FastifyReply, spec: EntitySpec): FastifyReply {
  const query = parseQueryOptions(request.url)
  const selected = parseSelect(query.system.$select, spec.schema, spec.dialect)
  const projected = project(spec.item, spec.schema, selected)
  const body = {
    '@odata.context': `${serviceRoot(request)}/$metadata#${spec.context(selectContextSuffix(selected))}`,
    ...(spec.finish ? spec.finish(projected) : projected),
  }
  return sendJson(reply, 200, body)
}
