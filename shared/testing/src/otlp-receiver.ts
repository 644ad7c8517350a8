// An OTLP/HTTP trace receiver for tests of tracing: accepts POST /v1/traces with the JSON encoding
// the exporter sends (resourceSpans → scopeSpans → spans) and keeps every span, flattened.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedSpan {
  service: string
  traceId: string
  spanId: string
  parentSpanId: string | undefined
  name: string
  /** OTLP SpanKind: 1 internal, 2 server, 3 client. */
  kind: number
  attributes: Record<string, unknown>
  links: { traceId: string; spanId: string }[]
}

export interface OtlpReceiver {
  endpoint: string
  spans: ReceivedSpan[]
  /** POSTs received (any path). */
  requests: number
  close(): Promise<void>
}

interface KeyValue {
  key: string
  value: Record<string, unknown>
}

function plain(value: Record<string, unknown>): unknown {
  if ('arrayValue' in value)
    return ((value.arrayValue as { values?: Record<string, unknown>[] }).values ?? []).map(plain)
  return Object.values(value)[0]
}

const toRecord = (list: KeyValue[] | undefined) =>
  Object.fromEntries((list ?? []).map(({ key, value }) => [key, plain(value)]))

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = []
  const receiver = { spans, requests: 0 }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      receiver.requests++
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end()
        return
      }
      const body = JSON.parse(Buffer.concat(chunks).toString()) as {
        resourceSpans?: {
          resource?: { attributes?: KeyValue[] }
          scopeSpans?: { spans?: Record<string, unknown>[] }[]
        }[]
      }
      for (const resourceSpan of body.resourceSpans ?? []) {
        const service = String(toRecord(resourceSpan.resource?.attributes)['service.name'])
        for (const scope of resourceSpan.scopeSpans ?? [])
          for (const span of scope.spans ?? [])
            spans.push({
              service,
              traceId: span.traceId as string,
              spanId: span.spanId as string,
              parentSpanId: (span.parentSpanId as string | undefined) || undefined,
              name: span.name as string,
              kind: span.kind as number,
              attributes: toRecord(span.attributes as KeyValue[]),
              links: ((span.links as { traceId: string; spanId: string }[] | undefined) ?? []).map((l) => ({
                traceId: l.traceId,
                spanId: l.spanId,
              })),
            })
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(receiver, {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  })
}
