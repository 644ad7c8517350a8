// `npm run bench`: every figure is a ratio measured side by side in one run (machines are shared
// and noisy, so absolute times mean little). Prints a table and writes bench/results/latest.json.
import { mkdir, writeFile } from 'node:fs/promises'
import { benchGateway } from '../bench/gateway.mjs'
import { benchStore } from '../bench/store.mjs'

const results = {
  date: new Date().toISOString(),
  node: process.version,
  store: await benchStore(),
  gateway: await benchGateway(),
}

console.log('store adapter overhead (Redis Store port ÷ raw ioredis, throughput, median of rounds)')
for (const r of results.store) {
  console.log(
    `  ${r.name.padEnd(62)} ratio ${r.ratio.toFixed(3)}  (${r.portOpsPerSec} vs ${r.rawOpsPerSec} op/s)`,
  )
}
const g = results.gateway
console.log(`gateway cost (tools/call add, same token and client code, through the gateway vs direct)`)
console.log(
  `  throughput at concurrency ${g.concurrency}: ratio ${g.throughputRatio.toFixed(3)}  (${g.gatewayCallsPerSec} vs ${g.directCallsPerSec} calls/s, median of rounds)`,
)
console.log(
  `  latency at ${g.ratePerSec} req/s open loop: added p50 ${g.latencyMs.addedP50} ms, added p99 ${g.latencyMs.addedP99} ms  (gateway ${g.latencyMs.gateway.p50}/${g.latencyMs.gateway.p99}, direct ${g.latencyMs.direct.p50}/${g.latencyMs.direct.p99} ms p50/p99)`,
)
await mkdir(new URL('../bench/results/', import.meta.url), { recursive: true })
await writeFile(
  new URL('../bench/results/latest.json', import.meta.url),
  JSON.stringify(results, null, 2) + '\n',
)
console.log('written bench/results/latest.json')
process.exit(0)
