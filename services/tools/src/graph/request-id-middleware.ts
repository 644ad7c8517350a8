// A link of the Graph SDK's middleware chain, just before the fetch: it reports the `request-id`
// header of every Graph response (each attempt and redirect hop), which Microsoft support asks for
// (https://learn.microsoft.com/graph/errors). Only id-shaped values pass: it is upstream text.
import type { Context, Middleware } from '@microsoft/microsoft-graph-client'

const REQUEST_ID = /^[A-Za-z0-9-]{1,100}$/

export function requestIdMiddleware(onRequestId: (requestId: string) => void): Middleware {
  let next: Middleware | undefined
  return {
    async execute(context: Context) {
      if (!next) throw new Error('request-id middleware: no next middleware')
      try {
        await next.execute(context)
      } finally {
        const id = context.response?.headers.get('request-id')
        if (id && REQUEST_ID.test(id)) onRequestId(id)
      }
    },
    setNext(middleware: Middleware) {
      next = middleware
    },
  }
}
