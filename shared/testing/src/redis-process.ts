import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { freePort } from './free-port.js'
import { resolveRedisBinary } from './redis-binary.js'
import { waitForRedis } from './wait-for-redis.js'

const READY_TIMEOUT_MS = 15_000

/*
 * The same watchdog as redis-server-process.ts: redis-server runs under sh, which holds the read
 * end of a pipe from this process; when the pipe closes (stop(), kill(), or this process dying in
 * any way) redis-server gets SIGTERM, and the working directory is removed only when this helper
 * made it (REDIS_TEST_DIR empty otherwise, so a caller's AOF directory survives for a restart).
 */
const WATCHDOG = [
  'exec 3<&0 0</dev/null',
  '"$0" "$@" 3<&- &',
  'pid=$!',
  '(read _ <&3; kill "$pid" 2>/dev/null; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; [ -z "$REDIS_TEST_DIR" ] || rm -rf "$REDIS_TEST_DIR") &',
  'wait "$pid"',
].join('\n')

export interface RedisProcessOptions {
  /** Listen here (e.g. the port of a server that was stopped, to restart it); a free port otherwise. */
  port?: number
  /** Working directory (AOF files, log); kept on stop. Without it a temporary one is made and removed. */
  dir?: string
  /** Append-only file with fsync on every write, so a SIGKILL loses no acknowledged write. */
  appendOnly?: boolean
  /** The redis-server to run: a path, or a name looked up on PATH (default `redis-server`). */
  binary?: string
}

/** A redis-server this test controls, for failure tests: stop it, kill it, start it again. */
export interface RedisProcess {
  readonly url: string
  readonly port: number
  readonly dir: string
  /** SIGTERM (redis-server shuts down cleanly) and wait for it to exit. Idempotent. */
  stop(): Promise<void>
  /** SIGKILL, as a crash or an OOM kill: no shutdown work at all. Idempotent. */
  kill(): Promise<void>
}

function lastLines(file: string, count: number): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-count).join('\n')
  } catch {
    return '(no log written)'
  }
}

async function serverPid(url: string): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true })
  client.on('error', () => {})
  try {
    await client.connect()
    const pid = Number(/process_id:(\d+)/.exec(await client.info('server'))?.[1])
    if (!Number.isSafeInteger(pid) || pid <= 0) throw new Error('redis-server reported no process_id')
    return pid
  } finally {
    client.disconnect()
  }
}

/**
 * Starts redis-server on 127.0.0.1 and resolves once it answers PING. Unlike startRedisServer (one
 * Redis shared by a test process), this one belongs to one test, which may kill it and start a new
 * one on the same port and directory (with `appendOnly`, the data comes back from the AOF).
 */
export async function startRedisProcess(options: RedisProcessOptions = {}): Promise<RedisProcess> {
  const binary = resolveRedisBinary(options.binary ?? 'redis-server', process.env['PATH'])
  const port = options.port ?? (await freePort())
  const owned = options.dir === undefined
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'm365mcp-redis-'))
  const logFile = join(dir, 'redis.log')
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir]
  args.push('--logfile', logFile)
  args.push(
    ...(options.appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
  )
  const child = spawn('/bin/sh', ['-c', WATCHDOG, binary, ...args], {
    stdio: ['pipe', 'ignore', 'ignore'],
    env: { ...process.env, REDIS_TEST_DIR: owned ? dir : '' },
  })
  let exited: string | undefined
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = `redis-server exited (${signal ?? `code ${code}`}): ${lastLines(logFile, 3)}`
      resolve()
    })
    child.once('error', (err) => {
      exited = `could not run redis-server: ${err.message}`
      resolve()
    })
  })
  let pid: number | undefined
  let ending: Promise<void> | undefined
  const end = (signal: 'SIGTERM' | 'SIGKILL') =>
    (ending ??= (async () => {
      if (pid !== undefined && exited === undefined) {
        try {
          process.kill(pid, signal)
        } catch {
          // Already gone.
        }
      }
      // Closing the pipe lets the watchdog finish (and SIGTERM redis-server if it still runs).
      child.stdin?.end()
      // The child was unref'd so a forgotten server cannot keep the test alive; while someone waits
      // for it to end it must hold the event loop, or the process exits mid-teardown.
      child.ref()
      await exit
      // The watchdog removes an owned directory too, in the background: whichever runs second finds
      // entries gone under it, which is the goal, not an error.
      if (owned) {
        try {
          rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
        } catch {
          // Removed concurrently by the watchdog.
        }
      }
    })())
  const url = `redis://127.0.0.1:${port}`
  try {
    await waitForRedis(url, { timeoutMs: READY_TIMEOUT_MS, abortReason: () => exited })
    pid = await serverPid(url)
  } catch (err) {
    await end('SIGTERM')
    throw err
  }
  // A forgotten server must not keep the test process alive; the watchdog still ends it at exit.
  child.unref()
  ;(child.stdin as unknown as { unref?: () => void } | null)?.unref?.()
  return { url, port, dir, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') }
}
