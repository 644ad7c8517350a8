// One service of the stack as a real child process (`node services/<svc>/dist/server.js`), its
// stdout and stderr captured to a log file for the post-run leak scan (ATTACKS G50). Stopping sends
// SIGTERM (the graceful shutdown every server.ts implements) and SIGKILL when that takes too long.
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { finished } from 'node:stream/promises'
import { join } from 'node:path'

export interface ServiceProcess {
  name: string
  logFile: string
  /** Exit code or signal once the process has ended, else null. */
  exited(): string | null
  stop(): Promise<void>
  /** SIGKILL, as a crash or an OOM kill would end it (no graceful shutdown), then as stop(). */
  kill(): Promise<void>
}

export interface SpawnServiceInput {
  name: string
  /** Script path relative to the repository root. */
  script: string
  env: Record<string, string>
  repoRoot: string
  logDir: string
  /** Grace period between SIGTERM and SIGKILL. */
  killAfterMs?: number
}

// Only what node needs from the parent: never NODE_OPTIONS (tap's loaders) or another run's config.
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'] as const

export function spawnService(input: SpawnServiceInput): ServiceProcess {
  const logFile = join(input.logDir, `${input.name}.log`)
  const log = createWriteStream(logFile, { flags: 'a' })
  const env: Record<string, string> = {}
  for (const key of INHERITED) if (process.env[key] !== undefined) env[key] = process.env[key]
  const child: ChildProcess = spawn(process.execPath, [join(input.repoRoot, input.script)], {
    cwd: input.repoRoot,
    env: { ...env, ...input.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.pipe(log, { end: false })
  child.stderr?.pipe(log, { end: false })
  let exit: string | null = null
  const ended = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = signal ?? String(code)
      resolve()
    })
    child.once('error', (err) => {
      exit = `spawn error: ${err.message}`
      resolve()
    })
  })
  let stopping: Promise<void> | undefined
  async function stop(): Promise<void> {
    if (exit === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), input.killAfterMs ?? 5_000)
      await ended
      clearTimeout(timer)
    }
    // Wait for the pipes to drain so the log file is complete before anyone scans it.
    await Promise.all([
      child.stdout ? finished(child.stdout).catch(() => {}) : undefined,
      child.stderr ? finished(child.stderr).catch(() => {}) : undefined,
    ])
    log.end()
    await finished(log).catch(() => {})
  }
  return {
    name: input.name,
    logFile,
    exited: () => exit,
    stop: () => (stopping ??= stop()),
    async kill() {
      if (exit === null) {
        child.kill('SIGKILL')
        await ended
      }
      await (stopping ??= stop())
    },
  }
}
