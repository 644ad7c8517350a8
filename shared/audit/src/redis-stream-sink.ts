// Audit events appended to a Redis stream (XADD), read back with XRANGE/XREVRANGE. One Lua script
// per event: append only when the event id was not seen, then mark it seen (with a TTL), so a job
// retried after a worker died between the append and the acknowledgement adds nothing twice.
// Retention: entries older than maxAgeMs (by Redis' own clock, so replicas' clocks do not matter)
// and, when set, beyond maxLen entries are trimmed exactly on every append.
import type { Redis } from 'ioredis'
import type { AuditSink } from './audit-sink.js'

export interface RedisStreamSinkOptions {
  redis: Redis
  /** The stream, e.g. `m365mcp:audit:events`. */
  key: string
  /** Prefix of the seen-id keys, e.g. `m365mcp:audit:seen:` (the event id is appended). */
  seenPrefix: string
  /** Entries older than this are trimmed (MINID). */
  maxAgeMs: number
  /** At most this many entries are kept (MAXLEN), on top of the age limit. */
  maxLen?: number
  /** How long an event id is remembered against duplicates (default 24 h: retries end far sooner). */
  seenTtlMs?: number
}

// KEYS[1] stream, KEYS[2] seen key; ARGV: ttl ms, max age ms, max len (0: none), event id, kind, json.
const APPEND = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local t = redis.call('TIME')
local nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local minId = math.max(nowMs - tonumber(ARGV[2]), 0)
redis.call('XADD', KEYS[1], 'MINID', tostring(minId), '*', 'id', ARGV[4], 'kind', ARGV[5], 'event', ARGV[6])
if tonumber(ARGV[3]) > 0 then redis.call('XTRIM', KEYS[1], 'MAXLEN', ARGV[3]) end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
return 1
`

export function redisStreamSink(options: RedisStreamSinkOptions): AuditSink {
  const { redis, key, seenPrefix } = options
  const seenTtlMs = options.seenTtlMs ?? 86_400_000
  const maxLen = options.maxLen ?? 0
  if (!Number.isSafeInteger(options.maxAgeMs) || options.maxAgeMs < 1)
    throw new RangeError('redisStreamSink: maxAgeMs must be a positive integer')
  if (!Number.isSafeInteger(maxLen) || maxLen < 0)
    throw new RangeError('redisStreamSink: maxLen must be a non-negative integer')
  if (!Number.isSafeInteger(seenTtlMs) || seenTtlMs < 1000)
    throw new RangeError('redisStreamSink: seenTtlMs must be at least 1000')
  return {
    name: 'redis-stream',
    async write(event) {
      await redis.eval(
        APPEND,
        2,
        key,
        seenPrefix + event.id,
        seenTtlMs,
        options.maxAgeMs,
        maxLen,
        event.id,
        event.kind,
        JSON.stringify(event),
      )
    },
  }
}
