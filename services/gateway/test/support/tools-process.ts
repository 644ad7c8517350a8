// A tools replica as a real process (`node services/tools/dist/server.js`, configured by its
// environment like a deployment), for tests that kill it with a signal. Resolves once its /healthz
// answers; stdout/stderr are kept (last lines) so a failed start says why.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { freePort } from '@m365mcp/testing'

const SERVER = fileURLToPath(new URL('../../../tools/dist/server.js', import.meta.url))

export interface ToolsProcess {
  url: string
  child: ChildProcess
  /** Resolves when the process has exited (after a kill, or by itself). */
  exited: Promise<void>
  output(): string
}

type Teardown = (fn: () => Promise<void> | void) => void

export async function startToolsProcess(
  teardown: Teardown,
  env: Record<string, string>,
): Promise<ToolsProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, [SERVER], {
    // Several replicas on one host: no metrics listeners (they would all want METRICS_PORT).
    env: {
      PATH: process.env.PATH ?? '',
      METRICS_ENABLED: 'false',
      ...env,
      TOOLS_HOST: '127.0.0.1',
      TOOLS_PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const keep = (chunk: Buffer) => {
    lines.push(chunk.toString())
    if (lines.length > 50) lines.shift()
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // A test process that ends without its teardown (a timeout) must not leave the replica running.
  const orphanGuard = () => child.kill('SIGKILL')
  process.once('exit', orphanGuard)
  void exited.then(() => process.off('exit', orphanGuard))
  teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited
  })
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break
    const healthy = await fetch(`${url}/healthz`).then(
      (res) => res.ok,
      () => false,
    )
    if (healthy) return { url, child, exited, output: () => lines.join('') }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`tools process did not start:\n${lines.join('')}`)
}
