// What every Graph route needs besides the request: the run's state, the paging key and the clock.
import { randomBytes, randomUUID } from 'node:crypto'
import type { SkipTokenCodec } from './odata/skiptoken.js'
import type { GraphStore } from './store.js'

export interface GraphContext {
  store: GraphStore
  skiptokens: SkipTokenCodec
  now: () => number
  /** A new Exchange item id, shaped like Graph's REST ids ("AAMkA…", base64url). */
  newItemId(): string
  newGuid(): string
}

export function createGraphContext(
  store: GraphStore,
  skiptokens: SkipTokenCodec,
  now: () => number,
): GraphContext {
  return {
    store,
    skiptokens,
    now,
    newItemId: () => `AAMkA${randomBytes(72).toString('base64url')}AAA=`,
    newGuid: () => randomUUID(),
  }
}
