import type { Redis } from 'ioredis'

/*
 * Lua scripts for the operations that need several commands to happen atomically. Redis runs a
 * script without interleaving other clients' commands (https://redis.io/docs/latest/develop/interact/programmability/eval-intro/).
 * ioredis defineCommand sends them by EVALSHA and falls back to EVAL after a NOSCRIPT.
 * An empty string stands for "not given" in ARGV.
 */

/** ARGV: expectedIsNull ('1'|'0'), expected, nextIsNull ('1'|'0'), next, ttlMs|'' */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
if ARGV[3] == '1' then
  redis.call('DEL', KEYS[1])
elseif ARGV[5] ~= '' then
  redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
else
  redis.call('SET', KEYS[1], ARGV[4], 'KEEPTTL')
end
return 1
`

/** ARGV: by, ttlMs|''. The window starts with the counter: a TTL is set only when it has none. */
const INCR = `
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if ARGV[2] ~= '' and redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return value
`

/**
 * ARGV: ttlMs|'', members... A TTL only ever grows; a set that never expired keeps no TTL. One SADD
 * per member: unpack() of a long ARGV would overflow the Lua C stack.
 */
const SET_ADD = `
local existed = redis.call('EXISTS', KEYS[1])
local added = 0
for i = 2, #ARGV do
  added = added + redis.call('SADD', KEYS[1], ARGV[i])
end
if ARGV[1] ~= '' then
  local ttl = tonumber(ARGV[1])
  local current = redis.call('PTTL', KEYS[1])
  if existed == 0 or (current >= 0 and current < ttl) then
    redis.call('PEXPIRE', KEYS[1], ttl)
  end
end
return added
`

/** ARGV: token. Deletes the lock only while it still holds this holder's token. */
const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`

/** ARGV: token, ttlMs. */
const EXTEND_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`

const SCRIPTS = {
  m365StoreCompareAndSet: COMPARE_AND_SET,
  m365StoreIncr: INCR,
  m365StoreSetAdd: SET_ADD,
  m365StoreReleaseLock: RELEASE_LOCK,
  m365StoreExtendLock: EXTEND_LOCK,
} as const

type ScriptName = keyof typeof SCRIPTS
type ScriptCall = (key: string, ...args: Array<string | number>) => Promise<unknown>

export interface StoreScripts {
  compareAndSet(key: string, expected: string | null, next: string | null, ttlMs?: number): Promise<boolean>
  incr(key: string, by: number, ttlMs?: number): Promise<number>
  setAdd(key: string, members: readonly string[], ttlMs?: number): Promise<number>
  releaseLock(key: string, token: string): Promise<boolean>
  extendLock(key: string, token: string, ttlMs: number): Promise<boolean>
}

function asInteger(reply: unknown): number {
  if (typeof reply !== 'number') throw new TypeError(`unexpected script reply ${String(reply)}`)
  return reply
}

/** Registers the scripts on a connection (namespaced names, so other code's commands are safe). */
export function defineStoreScripts(redis: Redis): StoreScripts {
  for (const [name, lua] of Object.entries(SCRIPTS)) redis.defineCommand(name, { lua, numberOfKeys: 1 })
  const commands = redis as unknown as Record<ScriptName, ScriptCall>
  const run = (name: ScriptName, key: string, ...args: Array<string | number>): Promise<unknown> =>
    commands[name].call(redis, key, ...args)
  const opt = (ttlMs: number | undefined): string => (ttlMs === undefined ? '' : String(ttlMs))
  return {
    compareAndSet: async (key, expected, next, ttlMs) =>
      asInteger(
        await run(
          'm365StoreCompareAndSet',
          key,
          expected === null ? '1' : '0',
          expected ?? '',
          next === null ? '1' : '0',
          next ?? '',
          opt(ttlMs),
        ),
      ) === 1,
    incr: async (key, by, ttlMs) => asInteger(await run('m365StoreIncr', key, by, opt(ttlMs))),
    setAdd: async (key, members, ttlMs) =>
      asInteger(await run('m365StoreSetAdd', key, opt(ttlMs), ...members)),
    releaseLock: async (key, token) => asInteger(await run('m365StoreReleaseLock', key, token)) === 1,
    extendLock: async (key, token, ttlMs) =>
      asInteger(await run('m365StoreExtendLock', key, token, ttlMs)) === 1,
  }
}
