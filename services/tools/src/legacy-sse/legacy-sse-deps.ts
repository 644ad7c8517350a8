import type { Store } from '@m365mcp/store'
import type { Server } from '@modelcontextprotocol/server'
import type { Logger } from 'pino'
import type { CallerResolver } from '../http/caller-resolver.js'

export interface LegacySseDeps {
  readonly store: Store
  /** Prefix of this module's keys and channels, e.g. `${REDIS_PREFIX}tools:`. */
  readonly keyPrefix: string
  /** This replica's name in the session registry (unique among live replicas). */
  readonly replicaId: string
  readonly callers: CallerResolver
  /** A fresh MCP server, connected once per SSE session. */
  readonly newServer: () => Server
  readonly logger: Logger
  /** Interval of SSE comment keep-alives (default 15 s). */
  readonly keepAliveMs?: number
  /** TTL of a registry entry, refreshed by the owner while the stream is open (default 60 s). */
  readonly sessionTtlMs?: number
  /** Largest POST /messages body accepted (413 above). */
  readonly maxBodyBytes: number
  /** Counts a session whose stream this replica holds until the returned function is called. */
  readonly countOpenSession?: () => () => void
}
