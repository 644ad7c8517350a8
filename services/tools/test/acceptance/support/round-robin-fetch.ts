// A client `fetch` that sends each request to the next tools replica in turn, as a load balancer
// without affinity would, and records what each replica received: the stateless `/mcp` must answer
// any request of a client on any replica (ARCHITECTURE: no per-session state in process memory).
export interface RoundRobin {
  fetch: typeof fetch
  /** Requests received per replica, in `replicaUrls` order. */
  hits: number[]
  /** The `MCP-Protocol-Version` header of every request, in order (null when absent). */
  protocolVersions: (string | null)[]
  /** JSON-RPC methods of every request body, in order. */
  methods: string[]
}

export function roundRobinFetch(replicaUrls: readonly string[]): RoundRobin {
  const hits = replicaUrls.map(() => 0)
  const protocolVersions: (string | null)[] = []
  const methods: string[] = []
  let next = 0
  const rotate: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const index = next
    next = (next + 1) % replicaUrls.length
    hits[index] = (hits[index] ?? 0) + 1
    protocolVersions.push(request.headers.get('mcp-protocol-version'))
    const body = request.method === 'POST' ? await request.text() : undefined
    if (body !== undefined) {
      try {
        const parsed = JSON.parse(body) as { method?: unknown }
        if (typeof parsed.method === 'string') methods.push(parsed.method)
      } catch {
        // Not JSON: the server answers it; nothing to record.
      }
    }
    const url = new URL(request.url)
    const target = new URL(`${url.pathname}${url.search}`, replicaUrls[index])
    return fetch(target, {
      method: request.method,
      headers: request.headers,
      ...(body === undefined ? {} : { body }),
      signal: request.signal,
    })
  }
  return { fetch: rotate, hits, protocolVersions, methods }
}
