// Runs `services/embedded/src/server.ts` as a real child process (through tsx, so the test checks
// the sources) on free ports, with a clean environment: no REDIS_URL or Entra settings leak in from
// the CI shell, so it starts exactly as `npm start` does on a fresh machine.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { freePort } from '@m365mcp/testing'

const SERVER = fileURLToPath(new URL('../../src/server.ts', import.meta.url))
const REPO = fileURLToPath(new URL('../../../../', import.meta.url))

export const PORT_VARIABLES = [
  'GATEWAY_PORT',
  'AUTH_PORT',
  'AUTH_INTERNAL_PORT',
  'TOOLS_PORT',
  'EMULATOR_PORT',
  'EMULATOR_GRAPH_PORT',
] as const

export interface EmbeddedProcess {
  child: ChildProcess
  ports: Record<(typeof PORT_VARIABLES)[number], number>
  publicUrl: string
  stdout(): string
  stderr(): string
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>
}

export async function freePorts(): Promise<EmbeddedProcess['ports']> {
  const entries = []
  for (const name of PORT_VARIABLES) entries.push([name, await freePort()] as const)
  return Object.fromEntries(entries) as EmbeddedProcess['ports']
}

export function spawnEmbedded(options: {
  ports: EmbeddedProcess['ports']
  env?: Record<string, string>
}): EmbeddedProcess {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    LOG_LEVEL: 'warn',
    ...Object.fromEntries(Object.entries(options.ports).map(([k, v]) => [k, String(v)])),
    ...options.env,
  }
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], { cwd: REPO, env, stdio: 'pipe' })
  let out = ''
  let err = ''
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()))
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  return {
    child,
    ports: options.ports,
    publicUrl: `http://localhost:${options.ports.GATEWAY_PORT}`,
    stdout: () => out,
    stderr: () => err,
    exited,
  }
}

/** Waits until stdout shows `text`; fails early when the process exits first. */
export async function waitForOutput(proc: EmbeddedProcess, text: string, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let ended = false
  void proc.exited.then(() => (ended = true))
  while (!proc.stdout().includes(text)) {
    if (ended) throw new Error(`the embedded server exited before printing "${text}":\n${proc.stderr()}`)
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${proc.stderr()}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
