export { createLogger, type CreateLoggerOptions } from './create-logger.js'
export { redactPaths, sensitiveKeys, REDACTED } from './redact-paths.js'
export { redactLine } from './redact-line.js'
export { redactUrl } from './redact-url.js'
export {
  serializers,
  serializeRequest,
  serializeResponse,
  type RequestLike,
  type SerializedRequest,
} from './serializers.js'
export type { Logger } from 'pino'
