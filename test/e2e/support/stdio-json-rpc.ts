// Talks JSON-RPC to a stdio MCP process (newline-delimited, MCP stdio transport): requests wait
// for the response with the same id; anything else on stdout is kept for the assertions.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface StdioPeer {
  request(
    method: string,
    params?: Record<string, unknown>,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>
  notify(method: string, params?: Record<string, unknown>): void
  stderr(): string
  close(): Promise<void>
}

export function startStdioPeer(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  cwd: string,
): StdioPeer {
  const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] })
  let errors = ''
  child.stderr.setEncoding('utf8').on('data', (d: string) => (errors += d))
  const waiting = new Map<number, (message: Record<string, unknown>) => void>()
  createInterface({ input: child.stdout }).on('line', (line) => {
    let message: Record<string, unknown>
    try {
      message = JSON.parse(line) as Record<string, unknown>
    } catch {
      return
    }
    if (typeof message.id === 'number') waiting.get(message.id)?.(message)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let nextId = 1
  const send = (message: Record<string, unknown>) => child.stdin.write(`${JSON.stringify(message)}\n`)
  return {
    request(method, params = {}, timeoutMs = 30_000) {
      const id = nextId++
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${method}: no answer in time; stderr: ${errors.slice(-2000)}`)),
          timeoutMs,
        )
        waiting.set(id, (message) => {
          clearTimeout(timer)
          waiting.delete(id)
          resolve(message)
        })
        send({ jsonrpc: '2.0', id, method, params })
      })
    },
    notify: (method, params = {}) => void send({ jsonrpc: '2.0', method, params }),
    stderr: () => errors,
    async close() {
      child.stdin.end()
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000)
      await exited
      clearTimeout(timer)
    },
  }
}
