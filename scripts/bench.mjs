// `npm run bench`: every figure is a ratio measured side by side in one run (machines are shared
// and noisy, so absolute times mean little). Prints a table and writes bench/results/latest.json.
import { mkdir, writeFile } from 'node:fs/promises'
import { benchStore } from '../bench/store.mjs'

const results = { date: new Date().toISOString(), node: process.version, store: await benchStore() }

console.log('store adapter overhead (Redis Store port ÷ raw ioredis, throughput, median of rounds)')
for (const r of results.store) {
  console.log(
    `  ${r.name.padEnd(62)} ratio ${r.ratio.toFixed(3)}  (${r.portOpsPerSec} vs ${r.rawOpsPerSec} op/s)`,
  )
}
await mkdir(new URL('../bench/results/', import.meta.url), { recursive: true })
await writeFile(
  new URL('../bench/results/latest.json', import.meta.url),
  JSON.stringify(results, null, 2) + '\n',
)
console.log('written bench/results/latest.json')
process.exit(0)
