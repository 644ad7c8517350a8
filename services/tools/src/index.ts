export { createGraphClientFactory } from './graph/graph-client.js'
export type {
  GraphClient,
  GraphClientFactory,
  GraphClientFactoryOptions,
  GraphPage,
  GraphRequestOptions,
  QueryValue,
  UserGraphOptions,
} from './graph/graph-client.js'
export type { RetryPolicy } from './graph/graph-middleware.js'
export { graphForUser } from './graph/graph-for-user.js'
export type { GraphForUserDeps, VerifiedUser } from './graph/graph-for-user.js'
export { toToolError } from './graph/graph-errors.js'
export type { GraphErrorContext } from './graph/graph-errors.js'
export { isGraphLink } from './graph/graph-link.js'
export { ToolError, isToolError } from './graph/tool-error.js'
export type { ToolErrorCode, ToolErrorOptions } from './graph/tool-error.js'
export {
  ACCESS_TOKEN_TYPE,
  TOKEN_EXCHANGE_GRANT,
  createGraphTokenProvider,
} from './graph/token-exchange-client.js'
export type {
  GraphToken,
  GraphTokenProvider,
  GraphTokenProviderOptions,
} from './graph/token-exchange-client.js'
export { TokenExchangeError } from './graph/token-exchange-error.js'
export type { TokenExchangeErrorCode } from './graph/token-exchange-error.js'
export { subscribeGrantRevocations } from './graph/grant-revocations.js'
export type { GrantRevocationDeps } from './graph/grant-revocations.js'
export { openCursor, sealCursor } from './graph/cursor.js'
export type { CursorBinding, CursorKey } from './graph/cursor.js'
export { budgetNote, cutText, fitItems } from './graph/size-budget.js'
export type { BudgetNoteInput, CutText, FitResult } from './graph/size-budget.js'
export { parseRetryAfter } from './graph/retry-after.js'
export { tools } from './tools/index.js'
export type { ToolAnnotations, ToolContext, ToolDefinition, ToolResult } from './tools/tool-definition.js'
export { buildApp } from './app.js'
export type { BuildAppOptions, ToolsApp } from './app.js'
export { configSchema, serviceName, title } from './config.js'
export type { ToolsConfig } from './config.js'
export { createToolsServices } from './services.js'
export type { CreateToolsServicesOptions, ToolsServices } from './services.js'
export { callerOf, toAuthInfo } from './auth/principal.js'
export type { Caller, Principal } from './auth/principal.js'
export { createCallerResolver } from './http/caller-resolver.js'
export type { CallerResolver } from './http/caller-resolver.js'
export { createToolServer } from './mcp/tool-server.js'
export type { ToolServerDeps } from './mcp/tool-server.js'
