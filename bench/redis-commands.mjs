// Issue 7: Redis commands per authenticated `tools/call` in steady state. A dedicated redis-server
// (started for this bench on a free port, so nobody else's commands are counted) backs every
// service: the gateway's rate limits and auth's and tools' stores. After WARM_UP calls (they fill
// the token-exchange and JWKS caches), INFO commandstats is read before and after CALLS calls
// through the gateway; the difference, per command, divided by CALLS is the figure. The same
// reading over an idle window as long as the calls took shows what background work (not the calls)
// contributed. The INFO commands of the bench are left out. commandstats also counts the commands
// a Lua script runs, so MONITOR is watched at the same time to tell round trips (commands sent by a
// client) from commands run inside scripts (MONITOR source `lua`). Prints only.
import { createTestRedisClient, startRedisServer } from '../shared/testing/dist/index.js'
import { QUICK, toolCaller } from './support/load.mjs'
import { startPlatform } from './support/platform.mjs'

const WARM_UP = 50
const CALLS = QUICK ? 200 : 1_000
const CONCURRENCY = 8
const TOP = 8

async function commandStats(redis) {
  const text = await redis.info('commandstats')
  const stats = {}
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) stats[m[1]] = Number(m[2])
  return stats
}

function difference(before, after) {
  const out = {}
  for (const [name, calls] of Object.entries(after)) {
    const n = calls - (before[name] ?? 0)
    if (n > 0 && name !== 'info') out[name] = n
  }
  return out
}

const total = (stats) => Object.values(stats).reduce((a, b) => a + b, 0)

/** Runs exactly `count` calls with `concurrency` workers. */
async function runCalls(call, count, concurrency) {
  let next = 0
  const worker = async () => {
    while (next < count) {
      next++
      await call()
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}

export async function benchRedisCommands() {
  const closers = []
  try {
    const redis = await startRedisServer()
    closers.push(async () => {
      // startRedisServer unrefs its child: keep the loop alive until the server has exited.
      const keepAlive = setInterval(() => {}, 1_000)
      await redis.stop()
      clearInterval(keepAlive)
    })
    const client = createTestRedisClient(redis.url)
    closers.push(() => client.disconnect())
    const platform = await startPlatform(closers, {
      redisUrl: redis.url,
      storesOnRedis: true,
      name: 'bench-cmds',
    })
    const { accessToken } = await platform.signIn('/mcp')
    const call = toolCaller(platform.gatewayUrl, accessToken, 'add', { a: 1, b: 2 })
    await runCalls(call, WARM_UP, CONCURRENCY)

    const monitor = await client.duplicate().monitor()
    closers.push(() => monitor.disconnect())
    const sent = {}
    let counting = false
    monitor.on('monitor', (_time, args, source) => {
      const name = String(args[0]).toLowerCase()
      if (counting && source !== 'lua' && name !== 'info') sent[name] = (sent[name] ?? 0) + 1
    })
    await new Promise((resolve) => setTimeout(resolve, 100))

    const before = await commandStats(client)
    counting = true
    const started = performance.now()
    await runCalls(call, CALLS, CONCURRENCY)
    const ms = performance.now() - started
    const during = difference(before, await commandStats(client))
    // MONITOR lines trail the commands a little; the INFO reply above arrived after them all.
    await new Promise((resolve) => setTimeout(resolve, 100))
    counting = false

    const idleBefore = await commandStats(client)
    await new Promise((resolve) => setTimeout(resolve, ms))
    const idle = difference(idleBefore, await commandStats(client))

    const perCall = (n) => Number((n / CALLS).toFixed(3))
    return {
      redis: 'dedicated redis-server',
      warmUpCalls: WARM_UP,
      calls: CALLS,
      concurrency: CONCURRENCY,
      tool: 'add',
      seconds: Number((ms / 1000).toFixed(1)),
      commandsPerCall: perCall(total(during)),
      roundTripsPerCall: perCall(total(sent)),
      idleCommandsInSameWindow: total(idle),
      byCommand: Object.entries(during)
        .sort((a, b) => b[1] - a[1])
        .slice(0, TOP)
        .map(([command, n]) => ({ command, perCall: perCall(n), sentPerCall: perCall(sent[command] ?? 0) })),
    }
  } finally {
    for (const close of closers.reverse()) await close()
  }
}
