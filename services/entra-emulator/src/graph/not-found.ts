// What Graph answers for a path it cannot route: 400 BadRequest naming the first segment that
// matches nothing ("Resource not found for the segment 'x'."), before any authentication; an unknown
// version is "Invalid version"; a known path with another method is 405.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { GraphError } from './errors.js'

export interface RouteTable {
  add(url: string): void
  /** The index of the first segment no route's path matches; -1 when some route matches them all. */
  firstUnmatched(segments: readonly string[]): number
}

export function createRouteTable(): RouteTable {
  const patterns: string[][] = []
  return {
    add(url) {
      patterns.push(
        url
          .split('/')
          .filter((s) => s !== '')
          .map((s) => s.toLowerCase()),
      )
    },
    firstUnmatched(segments) {
      let best = 0
      for (const pattern of patterns) {
        let i = 0
        while (i < segments.length && i < pattern.length) {
          const p = pattern[i] as string
          if (!p.startsWith(':') && p !== '*' && p !== (segments[i] as string).toLowerCase()) break
          i++
        }
        if (i === segments.length && i === pattern.length) return -1
        best = Math.max(best, i)
      }
      return best
    },
  }
}

export function createNotFoundHandler(routes: RouteTable) {
  return function notFound(request: FastifyRequest, _reply: FastifyReply): never {
    const path = request.url.split('?')[0] ?? '/'
    const segments = path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => {
        try {
          return decodeURIComponent(s)
        } catch {
          return s
        }
      })
    const version = segments[0]
    if (version?.toLowerCase() !== 'v1.0') {
      throw new GraphError(400, 'BadRequest', `Invalid version: ${version ?? ''}`)
    }
    const index = routes.firstUnmatched(segments)
    if (index === -1) {
      throw new GraphError(
        405,
        'Request_BadRequest',
        'Specified HTTP method is not allowed for the request target.',
      )
    }
    const segment = segments[Math.min(index, segments.length - 1)] ?? ''
    throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`)
  }
}
