// Loaded only when TRACING_ENABLED is set (server.ts imports it dynamically): importing this module
// loads the OpenTelemetry SDK. The config keys live in `@m365mcp/tracing/config`.
export { startTracing, type StartTracingOptions, type Tracing } from './start-tracing.js'
export { serverSpans, PROBE_ROUTES, type ServerSpansOptions } from './server-spans.js'
export { createScrubSpanProcessor, scrubAttribute } from './scrub-span-processor.js'
export { redactUrlForSpan, scrubString } from './redact.js'
