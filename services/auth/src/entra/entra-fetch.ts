// Outbound HTTP to Entra and Graph: undici with the system roots plus the configured CA (the
// emulator's per-run CA, or a corporate TLS-inspecting proxy's). Connection failures and timeouts
// are marked as TransportError so they classify as transient however deep they are wrapped.
import { rootCertificates } from 'node:tls'
import { Agent, fetch as undiciFetch } from 'undici'
import type { BodyInit } from 'undici'

export class TransportError extends Error {
  override readonly name = 'TransportError'
  readonly timedOut: boolean
  constructor(message: string, timedOut: boolean, cause: unknown) {
    super(message, { cause })
    this.timedOut = timedOut
  }
}

export interface EntraFetchInit {
  method?: string
  headers?: Record<string, string>
  /** As openid-client's CustomFetchOptions hands it over. */
  body?: string | URLSearchParams | Uint8Array | ArrayBuffer | ReadableStream | null
  signal?: AbortSignal
}

export type EntraFetch = (url: string, init: EntraFetchInit) => Promise<Response>

export interface EntraHttp {
  fetch: EntraFetch
  close(): Promise<void>
}

export function createEntraHttp(options: { ca?: string; timeoutMs: number }): EntraHttp {
  const agent = new Agent({
    connect: {
      ...(options.ca === undefined ? {} : { ca: [...rootCertificates, options.ca] }),
      timeout: options.timeoutMs,
    },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  })
  return {
    async fetch(url, init) {
      const signal = init.signal
        ? AbortSignal.any([init.signal, AbortSignal.timeout(options.timeoutMs)])
        : AbortSignal.timeout(options.timeoutMs)
      try {
        const response = await undiciFetch(url, {
          method: init.method ?? 'GET',
          headers: init.headers,
          body: init.body as BodyInit | null | undefined,
          ...(init.body instanceof ReadableStream ? { duplex: 'half' as const } : {}),
          signal,
          redirect: 'manual',
          dispatcher: agent,
        })
        // undici's Response is the WHATWG Response (openid-client checks it by Symbol.toStringTag).
        return response
      } catch (err) {
        const timedOut =
          err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError')
        throw new TransportError(timedOut ? 'request timed out' : 'request failed', timedOut, err)
      }
    },
    close: () => agent.close(),
  }
}
