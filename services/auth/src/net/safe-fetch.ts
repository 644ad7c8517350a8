// Fetches a JSON document from a URL an outside party chose (a CIMD client_id, later jwks_uri),
// without letting that party aim the server at its own network (ATTACKS E37, E38; CIMD draft
// §5 "Client Information Discovery", "SSRF Attacks", "Maximum Response Size"):
// - https only, no userinfo; the host is resolved by us and every address vetted (ssrf-guard.ts);
// - the connection is pinned to the vetted address (pinned-agent.ts), defeating DNS rebinding;
// - redirects are never followed (3xx is an error), only 200 is accepted;
// - one time cap over DNS, connect, headers and body, and a byte cap counted while streaming;
// - `Accept: application/json`, and the answer must be application/json or application/*+json.
import { request } from 'undici'
import { createPinnedAgent } from './pinned-agent.js'
import { readCappedBody } from './read-capped-body.js'
import { resolveVetted, systemResolver, type HostResolver } from './resolve-host.js'
import { SafeFetchError } from './safe-fetch-error.js'
import { createSsrfGuard, type NetworkAllowance } from './ssrf-guard.js'

export interface SafeFetchOptions {
  /** Test/dev relaxations of the address policy; off by default. */
  readonly allowance?: NetworkAllowance
  /** DNS resolution; the system resolver by default. */
  readonly resolve?: HostResolver
  /** Cap on the whole exchange (DNS, connect, headers, body). Default 5000 ms. */
  readonly timeoutMs?: number
  /** Default byte cap of a body. Default 64 KiB; a call may lower or raise it. */
  readonly maxBytes?: number
  /** Extra trusted CA certificates (PEM), for tests against self-signed servers. */
  readonly ca?: string | readonly string[]
  readonly userAgent?: string
}

export interface SafeFetchResponse {
  /** The URL fetched, as normalised by WHATWG URL parsing. */
  readonly url: string
  /** The vetted address the connection went to. */
  readonly address: string
  /** Response headers, names lower-cased, repeated values joined with ", ". */
  readonly headers: Readonly<Record<string, string>>
  /** The parsed JSON body. */
  readonly body: unknown
}

export type SafeFetch = (url: string, options?: { maxBytes?: number }) => Promise<SafeFetchResponse>

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

function parseTarget(url: string): URL {
  let target: URL
  try {
    target = new URL(url)
  } catch (cause) {
    throw new SafeFetchError('invalid_url', 'not an absolute URL', { cause })
  }
  if (target.protocol !== 'https:') {
    throw new SafeFetchError('scheme_not_allowed', `scheme ${target.protocol} refused`)
  }
  if (target.username !== '' || target.password !== '') {
    throw new SafeFetchError('invalid_url', 'userinfo in URL refused')
  }
  return target
}

/** getaddrinfo cannot be cancelled: stop waiting for it when the time cap fires. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted'))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

export function createSafeFetch(options: SafeFetchOptions = {}): SafeFetch {
  const guard = createSsrfGuard(options.allowance)
  const resolve = options.resolve ?? systemResolver
  const timeoutMs = options.timeoutMs ?? 5000
  const defaultMaxBytes = options.maxBytes ?? 64 * 1024
  const userAgent = options.userAgent ?? 'm365mcp-auth'

  async function exchange(target: URL, maxBytes: number, signal: AbortSignal): Promise<SafeFetchResponse> {
    const [address] = await untilAborted(resolveVetted(target.hostname, guard, resolve), signal)
    if (address === undefined) throw new SafeFetchError('dns_failure', 'no address')
    signal.throwIfAborted()
    const agent = createPinnedAgent({
      hostname: target.hostname,
      address,
      connectTimeoutMs: timeoutMs,
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    })
    try {
      const response = await request(target, {
        method: 'GET',
        dispatcher: agent,
        signal,
        headers: { accept: 'application/json', 'user-agent': userAgent },
      })
      // Destroying an unread body makes undici emit an abort error; it is expected here, and the
      // reader below still sees real errors through its own iterator.
      response.body.on('error', () => undefined)
      const headers = flattenHeaders(response.headers)
      if (response.statusCode >= 300 && response.statusCode < 400) {
        response.body.destroy()
        throw new SafeFetchError('redirect_refused', `redirect ${response.statusCode} not followed`, {
          status: response.statusCode,
        })
      }
      if (response.statusCode !== 200) {
        response.body.destroy()
        throw new SafeFetchError('http_status', `status ${response.statusCode}`, {
          status: response.statusCode,
        })
      }
      const mediaType = (headers['content-type'] ?? '').split(';')[0]?.trim() ?? ''
      if (!JSON_TYPE.test(mediaType)) {
        response.body.destroy()
        throw new SafeFetchError('content_type', `content type ${mediaType || '(none)'} is not JSON`)
      }
      const raw = await readCappedBody(response.body, headers['content-length'], maxBytes)
      let body: unknown
      try {
        body = JSON.parse(raw.toString('utf8'))
      } catch (cause) {
        throw new SafeFetchError('invalid_json', 'body is not JSON', { cause })
      }
      return { url: target.href, address: address.address, headers, body }
    } finally {
      void agent.destroy().catch(() => undefined)
    }
  }

  return async function safeFetch(url, callOptions = {}) {
    const target = parseTarget(url)
    const maxBytes = callOptions.maxBytes ?? defaultMaxBytes
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    try {
      return await exchange(target, maxBytes, controller.signal)
    } catch (error) {
      if (controller.signal.aborted) {
        throw new SafeFetchError('timeout', `no complete answer within ${timeoutMs} ms`, { cause: error })
      }
      if (error instanceof SafeFetchError) throw error
      throw new SafeFetchError('network_error', 'request failed', { cause: error })
    } finally {
      clearTimeout(timer)
    }
  }
}
