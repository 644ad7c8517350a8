// Validation of a JSON batch (https://learn.microsoft.com/graph/json-batching) before anything runs:
// at most 20 requests, unique ids, relative URLs, dependsOn naming other requests of the batch
// without cycles, and a Content-Type header plus a body on every write. Failures reject the whole
// batch with 400 BadRequest, as Graph does.
import { z } from 'zod'
import { GraphError } from './errors.js'

export const MAX_BATCH_REQUESTS = 20

const subRequest = z.object({
  id: z.string().min(1).max(256),
  method: z
    .string()
    .transform((m) => m.toUpperCase())
    .pipe(z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])),
  url: z.string().min(1).max(8192),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.string()).max(MAX_BATCH_REQUESTS).optional(),
})

export type BatchSubRequest = z.output<typeof subRequest>

const badBatch = (message: string) => new GraphError(400, 'BadRequest', message)

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH'])

export function planBatch(body: unknown): BatchSubRequest[] {
  const envelope = z.object({ requests: z.array(z.unknown()) }).safeParse(body)
  if (!envelope.success) throw badBatch('Invalid batch payload format.')
  const raw = envelope.data.requests
  if (raw.length === 0) throw badBatch('The batch request contains no requests.')
  if (raw.length > MAX_BATCH_REQUESTS) {
    throw badBatch(
      `Too many requests in the batch. The maximum number of requests in a batch is ${MAX_BATCH_REQUESTS}.`,
    )
  }
  const requests = raw.map((r, index) => {
    const parsed = subRequest.safeParse(r)
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') ?? 'request'
      throw badBatch(
        `Invalid batch payload format: '${field}' of request at index ${index} is missing or invalid.`,
      )
    }
    return parsed.data
  })
  const ids = new Set<string>()
  for (const r of requests) {
    if (ids.has(r.id)) throw badBatch(`Batch request contains duplicate request id '${r.id}'.`)
    ids.add(r.id)
  }
  for (const r of requests) {
    const contentType = Object.entries(r.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')
    if (WRITE_METHODS.has(r.method) && (r.body === undefined || !contentType)) {
      throw badBatch(`Write request id : ${r.id} does not contain Content-Type header or body.`)
    }
    for (const dep of r.dependsOn ?? []) {
      if (dep === r.id || !ids.has(dep))
        throw badBatch(`Request '${r.id}' depends on unknown request '${dep}'.`)
    }
  }
  assertAcyclic(requests)
  return requests
}

function assertAcyclic(requests: readonly BatchSubRequest[]): void {
  const byId = new Map(requests.map((r) => [r.id, r]))
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (id: string): void => {
    const s = state.get(id)
    if (s === 'done') return
    if (s === 'visiting') throw badBatch(`The dependsOn chain of request '${id}' contains a cycle.`)
    state.set(id, 'visiting')
    for (const dep of byId.get(id)?.dependsOn ?? []) visit(dep)
    state.set(id, 'done')
  }
  for (const r of requests) visit(r.id)
}

/** The sub-request URL below /v1.0, or undefined when it is not relative to the service root. */
export function relativeUrl(url: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//') || url.includes('\\')) return undefined
  const path = url.startsWith('/') ? url : `/${url}`
  if (/^\/v1\.0(\/|$)/i.test(path)) return undefined
  return path
}
