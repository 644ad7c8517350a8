// Runs `conformance server` (@modelcontextprotocol/conformance, 0.2 line) for one scenario, offline,
// and reads back every check it recorded (results/<scenario>/checks.json).
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface ConformanceCheck {
  id: string
  name: string
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED'
  description?: string
  errorMessage?: string
}

export interface ConformanceRun {
  exitCode: number
  output: string
  checks: ConformanceCheck[]
}

const require = createRequire(import.meta.url)
const packageJson = require.resolve('@modelcontextprotocol/conformance/package.json')
const bin = join(
  dirname(packageJson),
  (require(packageJson) as { bin: { conformance: string } }).bin.conformance,
)
const hooks = fileURLToPath(new URL('./node20-hooks.mjs', import.meta.url))
const needsGlobShim = Number(process.versions.node.split('.')[0]) < 22

export async function runConformance(options: {
  url: string
  scenario: string
  specVersion?: string
  expectedFailures?: string
}): Promise<ConformanceRun> {
  const out = await mkdtemp(join(tmpdir(), 'mcp-conformance-'))
  const args = [
    ...(needsGlobShim ? ['--import', hooks] : []),
    bin,
    'server',
    '--url',
    options.url,
    '--scenario',
    options.scenario,
    '--output-dir',
    out,
    '--timeout',
    '20000',
    ...(options.specVersion ? ['--spec-version', options.specVersion] : []),
    ...(options.expectedFailures ? ['--expected-failures', options.expectedFailures] : []),
  ]
  try {
    const { exitCode, output } = await new Promise<{ exitCode: number; output: string }>((resolve) => {
      execFile(
        process.execPath,
        args,
        { timeout: 40_000, env: { ...process.env, NO_COLOR: '1' } },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
          resolve({ exitCode: code, output: `${stdout}\n${stderr}` })
        },
      )
    })
    const checks: ConformanceCheck[] = []
    for (const dir of await readdir(out)) {
      const file = join(out, dir, 'checks.json')
      checks.push(...(JSON.parse(await readFile(file, 'utf8').catch(() => '[]')) as ConformanceCheck[]))
    }
    return { exitCode, output, checks }
  } finally {
    await rm(out, { recursive: true, force: true })
  }
}
