// The responses this replica is still writing, for graceful shutdown: requests in flight (a tool
// call waiting on Graph) get time to finish, streams (legacy GET /sse, a 2026-07-28
// `subscriptions/listen`) do not: they never finish by themselves and are ended with a retry hint.
import type { ServerResponse } from 'node:http'

export interface InFlight {
  track(res: ServerResponse, kind: 'request' | 'stream'): void
  /** Requests (streams aside) not finished yet. */
  requests(): number
  /** Resolves true once no request is in flight, false when `ms` ran out first. */
  settled(ms: number, pollMs?: number): Promise<boolean>
}

export function createInFlight(): InFlight {
  const requests = new Set<ServerResponse>()
  return {
    track(res, kind) {
      if (kind === 'stream') return
      requests.add(res)
      res.once('close', () => requests.delete(res))
    },
    requests: () => requests.size,
    async settled(ms, pollMs = 25) {
      const deadline = Date.now() + ms
      while (requests.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, pollMs))
      }
      return requests.size === 0
    },
  }
}
