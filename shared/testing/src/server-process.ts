// A service as a real process (`node services/<svc>/dist/server.js`, configured by its environment
// like a deployment), for the tests of what only a process does: signals and its exit code. Resolves
// once `readyUrl` answers 200; the output is kept so a failed start or stop says why.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

// From shared/testing/dist/ to the repository root.
const REPO = fileURLToPath(new URL('../../../', import.meta.url))

export interface ServerProcess {
  child: ChildProcess
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<number | null>
  output(): string
}

type Teardown = (fn: () => Promise<void> | void) => void

export async function startServerProcess(
  teardown: Teardown,
  options: {
    /** Relative to the repository root, e.g. `services/tools/dist/server.js`. */
    script: string
    env: Record<string, string>
    readyUrl: string
  },
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [`${REPO}${options.script}`], {
    // Only what node needs: never NODE_OPTIONS (tap's loaders).
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const keep = (chunk: Buffer) => {
    out += chunk.toString()
    if (out.length > 200_000) out = out.slice(-100_000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  // 'close', not 'exit': by then stdout and stderr are read to their end.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)))
  // A test process that ends without its teardown (a timeout) must not leave the service running.
  const orphanGuard = () => child.kill('SIGKILL')
  process.once('exit', orphanGuard)
  void exited.then(() => process.off('exit', orphanGuard))
  teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited
  })
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) break
    const ok = await fetch(options.readyUrl).then(
      (res) => res.ok,
      () => false,
    )
    if (ok) return { child, exited, output: () => out }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${options.script} did not become ready:\n${out}`)
}

/** The JSON log lines' `msg` fields, in order. */
export function logMessages(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { msg?: string }).msg ?? '')
}
