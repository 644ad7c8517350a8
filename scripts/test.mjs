#!/usr/bin/env node
// `npm test`: the whole suite in one command, with the deliberately long tests (`*.slow.test.ts`, a
// few minutes of real idle time each, excluded from `.taprc`) started at once beside the main run.
// tap orders files alphabetically, so a 5-minute test that sorts mid-suite would start halfway and
// become the critical path; run beside the others from the first second, it costs no wall time.
// The main run streams its TAP output; the slow run's is printed after it, then one combined
// `# { total, pass, fail }` line (the last one, which .ci/run reads). Arguments go to a single tap
// run unchanged (`npm test -- services/tools/test/**/*.test.ts`).
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const tapBin = fileURLToPath(new URL('../node_modules/.bin/tap', import.meta.url))

function run(args, { stream }) {
  return new Promise((resolve) => {
    const child = spawn(tapBin, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const collect = (sink) => (chunk) => {
      output += chunk
      if (stream) sink.write(chunk)
    }
    child.stdout.on('data', collect(process.stdout))
    child.stderr.on('data', collect(process.stderr))
    child.on('error', (err) =>
      resolve({ code: 1, output: `${output}\n# could not run tap: ${err.message}\n` }),
    )
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }))
  })
}

// tap's closing line, e.g. `# { total: 12, pass: 11, fail: 1, skip: 2 }`.
function summaryOf(output) {
  const line = output
    .split('\n')
    .filter((l) => /^# \{ total: \d+/.test(l))
    .pop()
  const counts = {}
  for (const [, key, value] of line?.matchAll(/(\w+): (\d+)/g) ?? []) counts[key] = Number(value)
  return counts
}

const args = process.argv.slice(2)
if (args.length > 0) {
  const { code } = await run(args, { stream: true })
  process.exit(code)
}

// Where .taprc includes tests from; `*.slow.test.ts` are excluded there and run here.
const testRoots = [
  ...['shared', 'services'].flatMap((top) =>
    readdirSync(join(root, top)).map((name) => join(top, name, 'test')),
  ),
  join('test', 'e2e'),
].filter((dir) => existsSync(join(root, dir)))
const slowFiles = testRoots
  .flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.slow.test.ts') && !file.split('/').includes('node_modules'))
      .map((file) => join(dir, file)),
  )
  .sort()

// tap builds its test module for the plugins .taprc names (test-built) when it finds it stale: two
// runs starting at once on a fresh clone would both rebuild it and pull it from under each other.
// Build it once first.
const built = await run(['build'], { stream: false })
if (built.code !== 0) {
  process.stdout.write(built.output)
  process.stdout.write('\n# tap build failed\n# { total: 1, pass: 0, fail: 1 }\n')
  process.exit(1)
}

const slowRun = slowFiles.length
  ? run(['--reporter=tap', '--jobs', String(slowFiles.length), ...slowFiles], { stream: false })
  : Promise.resolve({ code: 0, output: '' })
const main = await run(['--reporter=tap'], { stream: true })
if (slowFiles.length) process.stdout.write(`\n# waiting for the long tests: ${slowFiles.join(', ')}\n`)
const slow = await slowRun
process.stdout.write(slow.output)

const totals = {}
for (const counts of [summaryOf(main.output), summaryOf(slow.output)])
  for (const [key, value] of Object.entries(counts)) totals[key] = (totals[key] ?? 0) + value
if (main.code !== 0 && !totals.fail) totals.fail = 1
if (slow.code !== 0 && !totals.fail) totals.fail = 1
const fields = Object.entries({ total: 0, pass: 0, ...totals }).map(([key, value]) => `${key}: ${value}`)
process.stdout.write(`\n# all tests, main and long runs together\n# { ${fields.join(', ')} }\n`)
process.exit(main.code !== 0 || slow.code !== 0 ? 1 : 0)
