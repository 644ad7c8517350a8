// The GraphClient port the tools call, implemented with @microsoft/microsoft-graph-client and its
// middleware chain. One code path for real Graph and the emulator: only the base URL and the CA
// differ. Every failure leaves as a ToolError (see graph-errors.ts); every nextLink followed must
// lie under the configured base URL (graph-link.ts), so a user's token never leaves for another host.
import { Client, type AuthenticationProvider } from '@microsoft/microsoft-graph-client'
import type { Logger } from '@m365mcp/logger'
import { Agent } from 'undici'
import type { GraphMetrics } from '../metrics/tools-metrics.js'
import { graphMiddleware, type RetryPolicy } from './graph-middleware.js'
import { isGraphLink } from './graph-link.js'
import { toToolError } from './graph-errors.js'
import { ToolError } from './tool-error.js'

export type QueryValue = string | number | boolean
export interface GraphRequestOptions {
  /** Query parameters; values are percent-encoded here (`$search` quoting stays the caller's job). */
  query?: Readonly<Record<string, QueryValue | undefined>>
  headers?: Readonly<Record<string, string>>
  /** Delegated permissions the endpoint accepts, named in a 403's message. */
  permissions?: readonly string[]
}

export interface GraphPage<T> {
  value: T[]
  /**
   * The absolute URL this page was fetched from, as sent: the nextLink followed, or for a first
   * page the base URL, path and encoded query. Fetching it again gives the same page (cursors that
   * resume inside a page rely on this).
   */
  link: string
  /** Graph's `@odata.nextLink`, already checked to lie under the base URL. */
  nextLink: string | undefined
  /** `@odata.count` when `$count=true` was asked. */
  count: number | undefined
}

export interface GraphClient {
  get<T>(path: string, options?: GraphRequestOptions): Promise<T>
  post<T>(path: string, body: unknown, options?: GraphRequestOptions): Promise<T>
  /** One page of a collection: a relative path, or a nextLink from a previous page or a cursor. */
  getPage<T>(pathOrNextLink: string, options?: GraphRequestOptions): Promise<GraphPage<T>>
}

export interface GraphClientFactoryOptions {
  /** e.g. https://graph.microsoft.com/v1.0 — https, one version segment. */
  baseUrl: string
  /** PEM CA bundle to trust for Graph (the emulator's run CA); absent: the system's roots. */
  caPem?: string
  logger: Pick<Logger, 'warn' | 'error'>
  retry?: Partial<RetryPolicy>
  /** Longest wait for response headers or between body chunks (default 30 s). */
  requestTimeoutMs?: number
  now?: () => number
  /** Counts Graph exchanges, throttling and retries. */
  metrics?: GraphMetrics
}

export interface UserGraphOptions {
  /** The user's Graph access token, asked once per request (it may come from a cache). */
  accessToken: () => Promise<string>
  /** Called on a Graph 401, e.g. to drop the cached token of the grant. */
  onUnauthorized?: () => void
  /** Told the `request-id` of every Graph response (for the audit log). */
  onRequestId?: (requestId: string) => void
}

export interface GraphClientFactory {
  forUser(options: UserGraphOptions): GraphClient
  close(): Promise<void>
}

const QUERY_NAME = /^\$?[A-Za-z][A-Za-z0-9_]*$/
// The query names the SDK files as OData options and puts first when it builds a URL
// (GraphRequestUtil.oDataQueryNames); every other name follows, each group in insertion order.
const SDK_ODATA_NAMES: ReadonlySet<string> = new Set([
  '$select',
  '$expand',
  '$orderby',
  '$filter',
  '$top',
  '$skip',
  '$skipToken',
  '$count',
])

export function createGraphClientFactory(options: GraphClientFactoryOptions): GraphClientFactory {
  const base = parseBaseUrl(options.baseUrl)
  const now = options.now ?? Date.now
  const policy: RetryPolicy = {
    maxRetries: options.retry?.maxRetries ?? 3,
    maxRetryDelaySeconds: options.retry?.maxRetryDelaySeconds ?? 10,
    defaultDelaySeconds: options.retry?.defaultDelaySeconds ?? 1,
  }
  const timeout = options.requestTimeoutMs ?? 30_000
  const dispatcher = new Agent({
    headersTimeout: timeout,
    bodyTimeout: timeout,
    connect: { timeout, ...(options.caPem === undefined ? {} : { ca: options.caPem }) },
  })
  // The SDK attaches the token only to graph.microsoft.com and these hosts (names, without port).
  const customHosts = new Set([base.url.hostname])

  function forUser(user: UserGraphOptions): GraphClient {
    let token: string | undefined
    const authProvider: AuthenticationProvider = {
      getAccessToken: () => Promise.resolve(token ?? ''),
    }
    const client = Client.initWithMiddleware({
      baseUrl: base.url.origin,
      defaultVersion: base.version,
      customHosts,
      // undici's own option; Node's fetch honours it, the SDK's RequestInit type does not know it.
      fetchOptions: { dispatcher } as unknown as RequestInit,
      middleware: graphMiddleware(authProvider, policy, now, options.metrics, user.onRequestId),
    })

    async function call<T>(
      method: 'GET' | 'POST',
      target: string,
      request: GraphRequestOptions,
      body?: unknown,
    ): Promise<T> {
      const operation = `${method} ${describe(target, base.url)}`
      const context = { logger: options.logger, operation, now, ...withPermissions(request) }
      try {
        // Fetched before the SDK runs: the SDK would wrap a token-exchange error and lose its code.
        token = await user.accessToken()
        let builder = client.api(target)
        if (request.query) builder = builder.query(encodeQuery(request.query))
        if (request.headers) builder = builder.headers({ ...request.headers })
        return (await (method === 'GET' ? builder.get() : builder.post(body))) as T
      } catch (error) {
        const toolError = toToolError(error, context)
        if (toolError.code === 'reauth_required') user.onUnauthorized?.()
        throw toolError
      }
    }

    function target(pathOrLink: string): string {
      if (/^[a-z][a-z0-9+.-]*:/i.test(pathOrLink)) {
        if (isGraphLink(pathOrLink, base.href)) return pathOrLink
        options.logger.error({ link: pathOrLink }, 'refused a link outside the Graph base URL')
        throw new ToolError('bad_request', 'The continuation link is not a Microsoft Graph link.')
      }
      return relativePath(pathOrLink)
    }

    // Not the SDK's PageIterator: it follows `@odata.nextLink` with a bare `client.api(link)`, so a
    // link outside the Graph base URL would be fetched with the user's token before we could refuse
    // it, and its errors would bypass the curated mapping in `call`. Tools read one Graph page per
    // call (sealed cursors) through `getPage`, which checks every link. A first page is fetched by
    // its absolute URL too, built here in the order the SDK would build it, so the URL a cursor
    // seals for it is exactly the one that was sent.
    async function getPage<T>(pathOrLink: string, request: GraphRequestOptions = {}) {
      const isLink = !pathOrLink.startsWith('/')
      // A nextLink already carries every query option; adding them again would duplicate them.
      const link = isLink ? target(pathOrLink) : pageUrl(base.href, relativePath(pathOrLink), request.query)
      const body = await call<Record<string, unknown>>('GET', link, { ...request, query: undefined })
      return readPage<T>(body, link, base.href, options.logger)
    }

    return {
      get: async (path, request = {}) => call('GET', relativePath(path), request),
      post: async (path, body, request = {}) => call('POST', relativePath(path), request, body),
      getPage,
    }
  }

  return { forUser, close: () => dispatcher.close() }
}

function parseBaseUrl(baseUrl: string): { url: URL; href: string; version: string } {
  const url = new URL(baseUrl)
  const version = /^\/([A-Za-z0-9.]+)\/?$/.exec(url.pathname)?.[1]
  if (url.protocol !== 'https:' || version === undefined || url.search !== '' || url.username !== '') {
    throw new Error(
      'Graph base URL must be https://host[:port]/<version>, e.g. https://graph.microsoft.com/v1.0',
    )
  }
  if (url.hostname.includes(':')) throw new Error('Graph base URL must use a host name, not an IPv6 literal')
  return { url, href: `${url.origin}/${version}`, version }
}

function relativePath(path: string): string {
  // Tools build paths from ids; refuse anything that could change the host or climb out.
  if (!path.startsWith('/') || path.startsWith('//') || /(^|\/)\.\.?(\/|$)|[?#\\]/.test(path)) {
    throw new ToolError('internal', 'The Microsoft 365 request could not be built.')
  }
  return path
}

function encodeQuery(query: Readonly<Record<string, QueryValue | undefined>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue
    if (!QUERY_NAME.test(name))
      throw new ToolError('internal', 'The Microsoft 365 request could not be built.')
    out[name] = encodeURIComponent(String(value))
  }
  return out
}

/** `base` + `path` + the encoded query, OData options first as the SDK orders them. */
function pageUrl(baseHref: string, path: string, query: GraphRequestOptions['query']): string {
  const pairs = Object.entries(query === undefined ? {} : encodeQuery(query)).map(
    ([name, value]) => [name, `${name}=${value}`] as const,
  )
  const ordered = [
    ...pairs.filter(([name]) => SDK_ODATA_NAMES.has(name)),
    ...pairs.filter(([name]) => !SDK_ODATA_NAMES.has(name)),
  ].map(([, pair]) => pair)
  return ordered.length === 0 ? `${baseHref}${path}` : `${baseHref}${path}?${ordered.join('&')}`
}

function withPermissions(request: GraphRequestOptions) {
  return request.permissions === undefined ? {} : { permissions: request.permissions }
}

function readPage<T>(
  body: unknown,
  link: string,
  baseHref: string,
  logger: Pick<Logger, 'error'>,
): GraphPage<T> {
  const record = (body ?? {}) as Record<string, unknown>
  if (!Array.isArray(record.value)) {
    throw new ToolError('internal', 'Microsoft Graph answered with an unexpected shape.')
  }
  const next = record['@odata.nextLink']
  if (next !== undefined && (typeof next !== 'string' || !isGraphLink(next, baseHref))) {
    logger.error({ nextLink: next }, 'Graph sent a nextLink outside the Graph base URL; not following')
    throw new ToolError('internal', 'Microsoft Graph answered with a continuation link that was refused.')
  }
  const count = record['@odata.count']
  return {
    value: record.value as T[],
    link,
    nextLink: next,
    count: typeof count === 'number' ? count : undefined,
  }
}

/** The path only, for logs: query strings may carry search text. */
function describe(target: string, base: URL): string {
  try {
    return new URL(target, base).pathname
  } catch {
    return '(unparsable)'
  }
}
