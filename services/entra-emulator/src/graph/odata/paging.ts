// Server-driven paging (OData v4.01 §11.2.6.7): a page holds `$top` items (the collection's default
// page size without it) and, when more remain, an absolute `@odata.nextLink` that repeats the
// original query options and adds a signed `$skiptoken`.
import type { ODataDialect } from './dialect.js'
import type { QueryOptions } from './query-options.js'
import type { SkipTokenCodec } from './skiptoken.js'

export interface PageRequest {
  query: QueryOptions
  dialect: ODataDialect
  skiptokens: SkipTokenCodec
  /** See `pageBinding`. */
  binding: string
  defaultPageSize: number
  /** Whether `$skip` is accepted (Outlook collections); the directory refuses it. */
  allowSkip: boolean
}

export interface PageWindow {
  offset: number
  size: number
}

export function parseTop(raw: string | undefined, dialect: ODataDialect): number | undefined {
  if (raw === undefined) return undefined
  if (!/^\d{1,9}$/.test(raw)) throw dialect.badTop(raw)
  const top = Number(raw)
  if (top < 1 || top > dialect.maxTop) throw dialect.badTop(raw)
  return top
}

export function pageWindow(req: PageRequest): PageWindow {
  const { system } = req.query
  const size = parseTop(system.$top, req.dialect) ?? req.defaultPageSize
  let offset = 0
  if (system.$skip !== undefined) {
    if (!req.allowSkip) throw req.dialect.syntax(`'$skip' is not supported by the service.`)
    if (!/^\d{1,9}$/.test(system.$skip))
      throw req.dialect.syntax(`The value '${system.$skip}' of '$skip' is invalid.`)
    offset = Number(system.$skip)
  }
  if (system.$skiptoken !== undefined) {
    const fromToken = req.skiptokens.read(system.$skiptoken, req.binding)
    if (fromToken === undefined) {
      throw req.dialect.syntax(`The '$skiptoken' value is invalid or does not belong to this request.`)
    }
    offset = fromToken
  }
  return { offset, size }
}

const encode = (s: string) => encodeURIComponent(s).replace(/%24/g, '$')

/** The absolute nextLink continuing at `offset`: `linkBase` is `https://host/v1.0/path`. */
export function nextLink(req: PageRequest, linkBase: string, offset: number): string {
  const kept = req.query.pairs
    .filter(([k]) => k.toLowerCase() !== '$skiptoken')
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
  kept.push(`$skiptoken=${encode(req.skiptokens.issue(req.binding, offset))}`)
  return `${linkBase}?${kept.join('&')}`
}
