// The shape of one MCP tool (STYLE §8): one file per tool exports a definition; tools/index.ts is
// a plain array. The MCP layer turns definitions into SDK registrations and filters them per user
// by `permissions` (Graph delegated permissions granted to the user's grant) and operator policy.
import type { z } from 'zod'
import type { Logger } from 'pino'
import type { GraphClient } from '../graph/graph-client.js'

export interface ToolAnnotations {
  readonly readOnlyHint: boolean
  readonly destructiveHint?: boolean
  readonly idempotentHint?: boolean
  readonly openWorldHint?: boolean
}

export interface ToolContext {
  readonly graph: GraphClient
  /** Our user id (`sub`) and grant of the access token; the only identity a tool may use. */
  readonly user: { readonly sub: string; readonly grantId: string }
  /** Delegated Graph permissions granted to this grant (from the token exchange). */
  readonly grantedScopes: readonly string[]
  /** Keys for sealing cursors (newest first) and the Graph base URL they must point into. */
  readonly cursorKeys: readonly string[]
  readonly graphBaseUrl: string
  /** Results above this many bytes of text are cut with a note (and a cursor where paging). */
  readonly maxResultBytes: number
  readonly logger: Logger
  readonly now: () => number
}

export interface ToolResult<O> {
  /** Text for the model: concise, curated, never raw upstream text. */
  readonly text: string
  /** Structured result matching `output` when the tool returns data. */
  readonly structured?: O
}

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  /** camelCase, stable: clients and policies refer to it. */
  readonly name: string
  readonly title: string
  readonly description: string
  readonly input: I
  readonly output?: O
  readonly annotations: ToolAnnotations
  /** Any one of these delegated Graph permissions lets the tool work (least privileged first). */
  readonly permissions: readonly string[]
  /** A write tool (sends mail, creates events): offered only when the operator enables writes. */
  readonly write: boolean
  handler(input: z.output<I>, context: ToolContext): Promise<ToolResult<z.output<O>>>
}
