// One pipeline for every collection the emulator serves: $filter → $search → $orderby → $count →
// paging → $select, with the directory's consistency rules
// (https://learn.microsoft.com/graph/aad-advanced-queries): `$search` and `$count` need the header
// `ConsistencyLevel: eventual`; `$orderby` combined with `$filter` or `$search` needs that header and
// `$count=true` too.
import { GraphError } from '../errors.js'
import type { ODataDialect } from './dialect.js'
import { compileFilter } from './filter.js'
import type { Predicate } from './filter.js'
import { comparator, parseOrderBy } from './orderby.js'
import { nextLink, pageWindow } from './paging.js'
import type { PageRequest } from './paging.js'
import type { QueryOptions } from './query-options.js'
import { parseSelect, project, selectContextSuffix } from './select.js'
import type { EntitySchema, GraphObject } from './schema.js'
import type { SkipTokenCodec } from './skiptoken.js'

export const SEARCH_NEEDS_EVENTUAL =
  "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'"

export interface CollectionQuery {
  items: readonly GraphObject[]
  schema: EntitySchema
  dialect: ODataDialect
  query: QueryOptions
  /** Header `ConsistencyLevel: eventual` was sent. */
  eventual: boolean
  /** `@odata.context` for the given `$select` suffix, e.g. (s) => `${base}/$metadata#users${s}`. */
  context: (selectSuffix: string) => string
  /** Absolute URL of the collection, without query, for nextLink. */
  linkBase: string
  skiptokens: SkipTokenCodec
  binding: string
  defaultPageSize: number
  /** How `$search` works on this collection; unset when it does not support `$search`. */
  search?: (raw: string) => Predicate
  /** Applied to each item after `$select` (e.g. hiding what a permission does not cover). */
  finish?: (item: GraphObject) => GraphObject
}

export interface CollectionPage {
  '@odata.context': string
  '@odata.count'?: number
  '@odata.nextLink'?: string
  value: GraphObject[]
}

/** The matching items in order, before paging; also used for `/$count`. */
export function selectItems(q: CollectionQuery): GraphObject[] {
  const { system } = q.query
  const directory = q.dialect.workload === 'directory'
  const count = parseCount(system.$count, q.dialect)
  if (directory && system.$search !== undefined && !q.eventual) {
    throw new GraphError(400, 'Request_UnsupportedQuery', SEARCH_NEEDS_EVENTUAL)
  }
  if (directory && count && !q.eventual) throw q.dialect.syntax('$count is not currently supported.')
  const advanced = q.eventual && count

  let items = [...q.items]
  if (system.$filter !== undefined) {
    const keep = compileFilter(system.$filter, q.schema, q.dialect, { advanced })
    items = items.filter(keep)
  }
  if (system.$search !== undefined) {
    if (!q.search)
      throw q.dialect.unsupported(`The query parameter '$search' is not supported on this resource.`)
    const keep = q.search(system.$search)
    items = items.filter(keep)
  }
  const order = parseOrderBy(system.$orderby, q.schema, q.dialect)
  if (order) {
    if (directory && !advanced && (system.$filter !== undefined || system.$search !== undefined)) {
      throw q.dialect.unsupported('Sorting not supported for current query.')
    }
    items.sort(comparator(order))
  }
  return items
}

export function queryCollection(q: CollectionQuery): CollectionPage {
  const selected = parseSelect(q.query.system.$select, q.schema, q.dialect)
  const items = selectItems(q)
  const pageReq: PageRequest = {
    query: q.query,
    dialect: q.dialect,
    skiptokens: q.skiptokens,
    binding: q.binding,
    defaultPageSize: q.defaultPageSize,
    allowSkip: q.dialect.workload !== 'directory',
  }
  const { offset, size } = pageWindow(pageReq)
  const page = items.slice(offset, offset + size).map((item) => {
    const projected = project(item, q.schema, selected)
    return q.finish ? q.finish(projected) : projected
  })

  const count = parseCount(q.query.system.$count, q.dialect)
  const more = offset + size < items.length
  return {
    '@odata.context': q.context(selectContextSuffix(selected)),
    ...(count ? { '@odata.count': items.length } : {}),
    ...(more ? { '@odata.nextLink': nextLink(pageReq, q.linkBase, offset + size) } : {}),
    value: page,
  }
}

export function parseCount(raw: string | undefined, dialect: ODataDialect): boolean {
  if (raw === undefined) return false
  const v = raw.toLowerCase()
  if (v !== 'true' && v !== 'false')
    throw dialect.syntax(`The value '${raw}' of '$count' is invalid; use true or false.`)
  return v === 'true'
}
