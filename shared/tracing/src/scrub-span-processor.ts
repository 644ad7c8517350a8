// A span processor that enforces redact.ts on every span as it ends (`onEnding`, while the span can
// still be changed), before the batch processor exports it: URL attributes lose their query, the
// query attribute itself is replaced, every other string (span name, attributes, event attributes
// such as exception messages) is scrubbed of credentials and email addresses.
import type { Context } from '@opentelemetry/api'
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base'
import { REDACTED, redactUrlForSpan, scrubString } from './redact.js'

/** Attributes holding a URL (current and older semantic conventions). */
const URL_KEYS = new Set(['url.full', 'url.path', 'http.url', 'http.target', 'url.original'])
/** Attributes holding a query string: dropped to a marker when not empty. */
const QUERY_KEYS = new Set(['url.query'])

type AttributeValue = Span['attributes'][string]

export function scrubAttribute(key: string, value: AttributeValue): AttributeValue {
  if (QUERY_KEYS.has(key)) return value === '' || value === undefined ? value : REDACTED
  if (typeof value === 'string') return URL_KEYS.has(key) ? redactUrlForSpan(value) : scrubString(value)
  if (Array.isArray(value))
    return value.map((item: unknown) =>
      typeof item === 'string' ? scrubString(item) : item,
    ) as AttributeValue
  return value
}

export function createScrubSpanProcessor(): SpanProcessor {
  return {
    onStart(_span: Span, _parentContext: Context) {},
    onEnding(span: Span) {
      const name = scrubString(span.name)
      if (name !== span.name) span.updateName(name)
      for (const [key, value] of Object.entries(span.attributes)) {
        const scrubbed = scrubAttribute(key, value)
        if (scrubbed !== value) span.setAttribute(key, scrubbed ?? REDACTED)
      }
      // Events (recorded exceptions) are plain objects the SDK keeps until export.
      for (const event of span.events) {
        const attributes = event.attributes
        if (!attributes) continue
        for (const [key, value] of Object.entries(attributes)) attributes[key] = scrubAttribute(key, value)
      }
    },
    onEnd(_span: ReadableSpan) {},
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  }
}
