// The built emulator as a process (`dist/server.js`, what `npm start` and the compose file run): a
// configuration with two bad keys stops it at once, naming both; a good one starts. Build first.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { freePort } from '@m365mcp/testing'

const SERVER = fileURLToPath(new URL('../dist/server.js', import.meta.url))
const PACKAGE = fileURLToPath(new URL('../', import.meta.url))

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [SERVER], {
    cwd: PACKAGE,
    // A clean environment, so nothing from the shell running the tests leaks into the config.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: 'pipe',
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const startedAt = Date.now()
  const exited = once(child, 'exit').then(([code]) => ({
    code: code as number | null,
    ms: Date.now() - startedAt,
  }))
  return { child, exited, stdout: () => stdout, stderr: () => stderr }
}

t.before(() => {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: build the emulator first (npm run build)`)
})

t.test('startup: two bad keys stop the process with exit 1, both keys named, no stack', async (t) => {
  const proc = start({ EMULATOR_PORT: '99999', EMULATOR_ADMIN_ENABLED: 'perhaps' })
  t.teardown(() => void proc.child.kill('SIGKILL'))
  const { code, ms } = await proc.exited
  t.equal(code, 1, 'exit code 1')
  t.ok(ms < 10_000, `exits quickly, before listening (${ms} ms)`)
  const stderr = proc.stderr()
  const heading = stderr.indexOf('Invalid configuration for entra-emulator:')
  t.ok(heading >= 0, 'under the "Invalid configuration" heading')
  const listed = stderr.slice(heading)
  t.match(listed, /\n\s+- EMULATOR_PORT: must be an integer between 1 and 65535 \(got "99999"\)/)
  t.match(listed, /\n\s+- EMULATOR_ADMIN_ENABLED: must be one of true, false/)
  t.notMatch(stderr, /\n\s+at /, 'no stack trace')
  t.notMatch(proc.stdout(), /entra emulator ready/, 'never ready')
})

t.test('startup: the same build with good keys starts, then stops on SIGTERM', async (t) => {
  const proc = start({
    EMULATOR_PORT: String(await freePort()),
    EMULATOR_GRAPH_PORT: String(await freePort()),
    EMULATOR_ADMIN_ENABLED: 'false',
  })
  t.teardown(() => void proc.child.kill('SIGKILL'))
  const deadline = Date.now() + 30_000
  let ended = false
  void proc.exited.then(() => (ended = true))
  while (!proc.stdout().includes('entra emulator ready') && !ended && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  t.match(proc.stdout(), 'entra emulator ready', `ready (stderr: ${proc.stderr()})`)
  proc.child.kill('SIGTERM')
  t.equal((await proc.exited).code, 0, 'a clean shutdown')
})
