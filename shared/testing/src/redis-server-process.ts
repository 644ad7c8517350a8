import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free-port.js'
import { resolveRedisBinary } from './redis-binary.js'
import type { TestRedis } from './test-redis.js'
import { waitForRedis } from './wait-for-redis.js'

const START_ATTEMPTS = 3
const READY_TIMEOUT_MS = 15_000

/*
 * redis-server runs under a small sh watchdog that holds the read end of a pipe from this process.
 * The pipe closes when stop() ends it or when this process dies in any way (even SIGKILL or a
 * runner timeout); the watchdog then sends SIGTERM to redis-server and, once it is gone, removes
 * its working directory, so nothing outlives the test process. `wait` keeps the exit status of
 * redis-server, so a failed start is visible. A background list gets /dev/null as stdin (POSIX
 * sh), hence the copy of the pipe on fd 3.
 */
const WATCHDOG = [
  'exec 3<&0 0</dev/null',
  '"$0" "$@" 3<&- &',
  'pid=$!',
  '(read _ <&3; kill "$pid" 2>/dev/null; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; rm -rf "$REDIS_TEST_DIR") &',
  'wait "$pid"',
].join('\n')

function lastLines(file: string, count: number): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-count).join('\n')
  } catch {
    return '(no log written)'
  }
}

async function startOnce(binary: string): Promise<TestRedis> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'm365mcp-redis-'))
  const logFile = join(dir, 'redis.log')
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
  args.push('--dir', dir, '--logfile', logFile)
  const child = spawn('/bin/sh', ['-c', WATCHDOG, binary, ...args], {
    stdio: ['pipe', 'ignore', 'ignore'],
    env: { ...process.env, REDIS_TEST_DIR: dir },
  })
  let exited: string | undefined
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = `redis-server exited during start (${signal ?? `code ${code}`}): ${lastLines(logFile, 3)}`
      resolve()
    })
    child.once('error', (err) => {
      exited = `could not run redis-server: ${err.message}`
      resolve()
    })
  })
  const stop = async (): Promise<void> => {
    child.stdin?.end()
    // Unref'd at start (a forgotten server must not keep the test alive); held while awaited.
    child.ref()
    await exit
    // The watchdog removes the directory too, in the background; entries vanishing under this
    // removal are its doing, not an error.
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
    } catch {
      // Removed concurrently by the watchdog.
    }
  }
  const url = `redis://127.0.0.1:${port}`
  try {
    await waitForRedis(url, { timeoutMs: READY_TIMEOUT_MS, abortReason: () => exited })
  } catch (err) {
    await stop()
    throw err
  }
  // The server is shared by the whole test process: it must not keep the event loop alive.
  child.unref()
  ;(child.stdin as unknown as { unref?: () => void } | null)?.unref?.()
  return { url, source: 'redis-server', stop }
}

/**
 * Starts a throwaway redis-server on a free loopback port, without persistence, and resolves
 * once it answers PING. Retries on a new port when the chosen one was taken in the meantime.
 */
export async function startRedisServer(name = 'redis-server'): Promise<TestRedis> {
  const binary = resolveRedisBinary(name, process.env['PATH'])
  let lastError: unknown
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    try {
      return await startOnce(binary)
    } catch (err) {
      lastError = err
    }
  }
  throw new Error(`could not start ${binary} after ${START_ATTEMPTS} attempts`, { cause: lastError })
}
