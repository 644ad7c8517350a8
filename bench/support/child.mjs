// Child processes of the benchmarks: started with `node`, ready once a stdout line matches, their
// stdout drained afterwards (a child blocks on a full pipe), stopped by closing their stdin (the
// bench's own children) or by a signal, and killed if they outlive a grace period.
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'

const READY_TIMEOUT_MS = 30_000
const STOP_GRACE_MS = 10_000

/**
 * Runs `node script ...args` and resolves once a stdout line matches `ready` with
 * `{ pid, match, stop }`; `stop()` ends it (stdin closed, then `signal`, then SIGKILL).
 */
export async function startChild(script, { args = [], env = {}, ready, signal = 'SIGTERM', nodeArgs = [] }) {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4_000)))
  const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve(sig ?? code)))
  const lines = createInterface({ input: child.stdout })
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.stdin.end()
    child.kill(signal)
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
    await exited
    clearTimeout(timer)
  }
  try {
    const match = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${script} not ready after ${READY_TIMEOUT_MS} ms`)),
        READY_TIMEOUT_MS,
      )
      lines.on('line', (line) => {
        const m = ready.exec(line)
        if (m) {
          clearTimeout(timer)
          // From here on stdout is only drained, without splitting it into lines.
          lines.close()
          child.stdout.resume()
          resolve(m)
        }
      })
      exited.then((how) => {
        clearTimeout(timer)
        reject(new Error(`${script} exited (${how}) before it was ready: ${stderr.trim().slice(-1_000)}`))
      })
    })
    return { pid: child.pid, match, stop, stderr: () => stderr }
  } catch (err) {
    await stop()
    throw err
  }
}

/** Resident set size of a process in KiB (VmRSS of /proc/<pid>/status; Linux only). */
export async function rssKiB(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)
  if (!m) throw new Error(`no VmRSS in /proc/${pid}/status`)
  return Number(m[1])
}

/** The soft limit on open files of this process (children inherit it). */
export async function openFilesLimit() {
  const limits = await readFile('/proc/self/limits', 'utf8')
  const m = /^Max open files\s+(\d+|unlimited)\s+/m.exec(limits)
  return m === null || m[1] === 'unlimited' ? Infinity : Number(m[1])
}
