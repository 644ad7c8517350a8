// The request's query string, split into OData system query options (`$…`, matched
// case-insensitively as Graph does) and plain parameters (startDateTime, endDateTime, …).
// Unknown system options and repeated ones are refused as Graph refuses them.
import { GraphError } from '../errors.js'

export const SYSTEM_OPTIONS = [
  '$select',
  '$filter',
  '$search',
  '$orderby',
  '$top',
  '$skip',
  '$count',
  '$skiptoken',
] as const
export type SystemOption = (typeof SYSTEM_OPTIONS)[number]

export interface QueryOptions {
  /** Every query parameter in request order, decoded. */
  pairs: ReadonlyArray<readonly [string, string]>
  system: Partial<Record<SystemOption, string>>
  /** Non-system parameters by lower-cased name. */
  params: ReadonlyMap<string, string>
}

export function parseQueryOptions(url: string): QueryOptions {
  const q = url.indexOf('?')
  const search = new URLSearchParams(q === -1 ? '' : url.slice(q + 1))
  const pairs = [...search.entries()]
  const system: Partial<Record<SystemOption, string>> = {}
  const params = new Map<string, string>()
  for (const [key, value] of pairs) {
    const lower = key.toLowerCase()
    if (lower.startsWith('$')) {
      if (!(SYSTEM_OPTIONS as readonly string[]).includes(lower)) {
        throw new GraphError(400, 'BadRequest', `The query parameter '${key}' is not supported.`)
      }
      const option = lower as SystemOption
      if (system[option] !== undefined) {
        throw new GraphError(
          400,
          'BadRequest',
          `Query option '${option}' was specified more than once, but it must be specified at most once.`,
        )
      }
      system[option] = value
    } else {
      params.set(lower, value)
    }
  }
  return { pairs, system, params }
}
