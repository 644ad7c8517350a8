// Gets the user's Microsoft Graph token from the auth service's internal token exchange (RFC 8693
// shape: services/auth/src/internal/token-exchange.ts) and caches it per grant in process memory.
// This is a cache, not session state: any replica can rebuild it with one exchange. Bounded three
// ways so a revoked grant stops being served soon: LRU size, early refresh before the Graph token
// expires, a maximum age (`maxCacheMs`), and `invalidate(grantId)` for the auth service's
// `grant-revoked` pub/sub messages. Concurrent callers for one grant share one exchange.
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { createLruCache } from './lru-cache.js'
import { TokenExchangeError } from './token-exchange-error.js'

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange'
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token'

export interface GraphToken {
  accessToken: string
  /** Delegated Graph permissions granted (the exchange's `scope`, space separated). */
  scopes: string[]
  /** Epoch ms when Graph stops accepting the token. */
  expiresAt: number
  grantId: string
  sub: string
}

export interface GraphTokenProviderOptions {
  /** Base URL of the auth service's internal listener, e.g. http://auth:9090 */
  authInternalUrl: string
  internalSecret: string
  now?: () => number
  fetch?: typeof fetch
  /** Exchange again when less than this is left (default 60 s). */
  earlyRefreshMs?: number
  /** Longest time a cached token is served without asking the auth service (default 5 min). */
  maxCacheMs?: number
  /** Cached grants kept (default 10 000). */
  maxEntries?: number
  /** Abort an exchange after this long (default 10 s). */
  timeoutMs?: number
}

export interface GraphTokenProvider {
  /** The Graph token for the grant of `userAccessToken` (already verified by the caller). */
  graphToken(userAccessToken: string, grantId: string): Promise<GraphToken>
  /** Forget every cached token: revocations may have been missed (the channel was interrupted). */
  invalidateAll(): void
  /** Forget the grant's cached token (grant revoked, or Graph answered 401). */
  invalidate(grantId: string): void
}

const exchangeResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().nonnegative(),
  scope: z.string(),
  grant_id: z.string().min(1),
  sub: z.string().min(1),
})

const oauthError = z.object({ error: z.string() })

interface Flight {
  grantId: string
  state: { stale: boolean }
  promise: Promise<GraphToken>
}

interface Entry {
  token: GraphToken
  /** Tokens of one grant share the entry only when the same user token asked for it. */
  subjectHash: string
  cachedAt: number
}

export function createGraphTokenProvider(options: GraphTokenProviderOptions): GraphTokenProvider {
  const now = options.now ?? Date.now
  const doFetch = options.fetch ?? fetch
  const earlyRefreshMs = options.earlyRefreshMs ?? 60_000
  const maxCacheMs = options.maxCacheMs ?? 300_000
  const timeoutMs = options.timeoutMs ?? 10_000
  const endpoint = new URL('/internal/token-exchange', options.authInternalUrl).href
  const cache = createLruCache<Entry>(options.maxEntries ?? 10_000)
  // One exchange per grant and user token at a time; invalidate() marks running ones stale so an
  // exchange that started before a revocation does not fill the cache after it.
  const inFlight = new Map<string, Flight>()

  function usable(entry: Entry | undefined, subjectHash: string): entry is Entry {
    if (!entry || entry.subjectHash !== subjectHash) return false
    const t = now()
    return t < entry.token.expiresAt - earlyRefreshMs && t < entry.cachedAt + maxCacheMs
  }

  async function exchange(userAccessToken: string, grantId: string): Promise<GraphToken> {
    let response: Response
    try {
      response = await doFetch(endpoint, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.internalSecret}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({
          grant_type: TOKEN_EXCHANGE_GRANT,
          subject_token: userAccessToken,
          subject_token_type: ACCESS_TOKEN_TYPE,
        }).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (error) {
      throw new TokenExchangeError('unavailable', 'the auth service did not answer', { cause: error })
    }
    const body: unknown = await response.json().catch(() => undefined)
    if (!response.ok) throw failure(response.status, body)
    const parsed = exchangeResponse.safeParse(body)
    if (!parsed.success) {
      throw new TokenExchangeError('internal', 'malformed token exchange response', { cause: parsed.error })
    }
    if (parsed.data.grant_id !== grantId) {
      throw new TokenExchangeError('internal', 'the exchange answered for another grant')
    }
    return {
      accessToken: parsed.data.access_token,
      scopes: parsed.data.scope.split(' ').filter((s) => s !== ''),
      expiresAt: now() + parsed.data.expires_in * 1000,
      grantId: parsed.data.grant_id,
      sub: parsed.data.sub,
    }
  }

  return {
    async graphToken(userAccessToken, grantId) {
      const subjectHash = createHash('sha256').update(userAccessToken).digest('base64url')
      const cached = cache.get(grantId)
      if (usable(cached, subjectHash)) return cached.token
      const flightKey = `${grantId}\u0000${subjectHash}`
      const running = inFlight.get(flightKey)
      if (running && !running.state.stale) return running.promise
      const state = { stale: false }
      const promise = exchange(userAccessToken, grantId)
        .then((token) => {
          if (!state.stale) cache.set(grantId, { token, subjectHash, cachedAt: now() })
          return token
        })
        .finally(() => {
          if (inFlight.get(flightKey)?.state === state) inFlight.delete(flightKey)
        })
      inFlight.set(flightKey, { grantId, state, promise })
      return promise
    },
    invalidateAll() {
      cache.clear()
      for (const flight of inFlight.values()) flight.state.stale = true
    },
    invalidate(grantId) {
      cache.delete(grantId)
      for (const flight of inFlight.values()) if (flight.grantId === grantId) flight.state.stale = true
    },
  }
}

function failure(status: number, body: unknown): TokenExchangeError {
  const code = oauthError.safeParse(body).data?.error
  if (status === 401 && code === 'invalid_token') {
    return new TokenExchangeError('reauth_required', 'the grant is no longer valid')
  }
  if (status === 503 || status === 502 || status === 504 || code === 'temporarily_unavailable') {
    return new TokenExchangeError('unavailable', `token exchange answered ${status}`)
  }
  return new TokenExchangeError('internal', `token exchange answered ${status}${code ? ` ${code}` : ''}`)
}
