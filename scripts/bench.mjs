// `npm run bench`: every figure is a ratio measured side by side in one run (machines are shared
// and noisy, so absolute times mean little). Prints a table and writes bench/results/latest.json.
// BENCH_QUICK=1 runs smaller, shorter versions (a smoke check; noisier figures). Arguments name the
// benchmarks to run (default all): store gateway stackVsSdk refreshGrant sseMemory redisCommands.
import { mkdir, writeFile } from 'node:fs/promises'
import { benchGateway } from '../bench/gateway.mjs'
import { benchRedisCommands } from '../bench/redis-commands.mjs'
import { benchRefreshGrant } from '../bench/refresh-grant.mjs'
import { benchSseMemory } from '../bench/sse-memory.mjs'
import { benchStackVsSdk } from '../bench/stack-vs-sdk.mjs'
import { benchStore } from '../bench/store.mjs'

const benches = {
  store: benchStore,
  gateway: benchGateway,
  stackVsSdk: benchStackVsSdk,
  refreshGrant: benchRefreshGrant,
  sseMemory: benchSseMemory,
  redisCommands: benchRedisCommands,
}
const selected = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(benches)
const unknown = selected.filter((name) => !(name in benches))
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(benches).join(' ')}`)
  process.exit(2)
}

const results = {
  date: new Date().toISOString(),
  node: process.version,
  quick: process.env.BENCH_QUICK === '1',
}
for (const name of selected) {
  const started = performance.now()
  results[name] = await benches[name]()
  console.error(`(${name} done in ${((performance.now() - started) / 1000).toFixed(0)} s)`)
}

if (results.store) {
  console.log('store adapter overhead (Redis Store port ÷ raw ioredis, throughput, median of rounds)')
  for (const r of results.store) {
    console.log(
      `  ${r.name.padEnd(62)} ratio ${r.ratio.toFixed(3)}  (${r.portOpsPerSec} vs ${r.rawOpsPerSec} op/s)`,
    )
  }
}
const g = results.gateway
if (g) {
  console.log(`gateway cost (tools/call add, same token and client code, through the gateway vs direct)`)
  console.log(
    `  throughput at concurrency ${g.concurrency}: ratio ${g.throughputRatio.toFixed(3)}  (${g.gatewayCallsPerSec} vs ${g.directCallsPerSec} calls/s, median of rounds)`,
  )
  console.log(
    `  latency at ${g.ratePerSec} req/s open loop: added p50 ${g.latencyMs.addedP50} ms, added p99 ${g.latencyMs.addedP99} ms  (gateway ${g.latencyMs.gateway.p50}/${g.latencyMs.gateway.p99}, direct ${g.latencyMs.direct.p50}/${g.latencyMs.direct.p99} ms p50/p99)`,
  )
}
const s = results.stackVsSdk
if (s) {
  console.log(
    'whole stack ÷ the MCP SDK example (authenticated tools/call through gateway, tools, auth, Redis',
  )
  console.log('  vs simpleStatelessStreamableHttp.js unauthenticated; each server in a child process)')
  if (s.skipped) console.log(`  skipped: ${s.skipped}`)
  else
    console.log(
      `  throughput at concurrency ${s.concurrency}: ratio ${s.throughputRatio.toFixed(3)}  (${s.stackCallsPerSec} calls/s ${s.stackTool} vs ${s.sdkCallsPerSec} calls/s ${s.sdkTool}, median of ${s.rounds} rounds of ${s.roundMs} ms)`,
    )
}
const r = results.refreshGrant
if (r) {
  console.log(
    'refresh_token grant, ours ÷ oidc-provider (rotation, ES256 JWT access token, in-memory storage)',
  )
  console.log(
    `  throughput over ${r.chains} parallel chains: ratio ${r.throughputRatio.toFixed(3)}  (${r.oursRefreshesPerSec} vs ${r.oidcProviderRefreshesPerSec} refreshes/s, median of ${r.rounds} rounds of ${r.roundMs} ms)`,
  )
}
const m = results.sseMemory
if (m) {
  console.log(
    `RSS per open legacy SSE session, tools replica (${m.toolsStore} store) ÷ bare Node SSE server, each a child process`,
  )
  if (m.sessions < m.wantedSessions)
    console.log(
      `  note: open-files limit ${m.openFilesLimit} allows ${m.sessions} of the ${m.wantedSessions} sessions wanted`,
    )
  const line = (label, x) =>
    `  ${label.padEnd(6)} ${x.perSessionKiB} KiB/session  (VmRSS ${x.rssBeforeKiB} → ${x.rssAfterKiB} KiB, opened in ${x.openSeconds} s)`
  console.log(`  ${m.sessions} concurrent streams (open-files limit ${m.openFilesLimit}): ratio ${m.ratio}`)
  console.log(line('tools', m.tools))
  console.log(line('bare', m.bare))
}
const c = results.redisCommands
if (c) {
  console.log(
    `Redis commands per tools/call ${c.tool} through the gateway, steady state (${c.redis}, every service on it)`,
  )
  console.log(
    `  ${c.commandsPerCall} commands per call, ${c.roundTripsPerCall} round trips per call  (${c.calls} calls at concurrency ${c.concurrency} after ${c.warmUpCalls} warm-up; ${c.idleCommandsInSameWindow} commands in an equal idle window)`,
  )
  for (const x of c.byCommand)
    console.log(
      `  ${x.command.padEnd(10)} ${x.perCall} per call (${x.sentPerCall} sent by a client, the rest run by scripts)`,
    )
}

if (selected.length < Object.keys(benches).length) {
  console.log('(a subset ran: bench/results/latest.json left as it was)')
  process.exit(0)
}
await mkdir(new URL('../bench/results/', import.meta.url), { recursive: true })
await writeFile(
  new URL('../bench/results/latest.json', import.meta.url),
  JSON.stringify(results, null, 2) + '\n',
)
console.log('written bench/results/latest.json')
process.exit(0)
