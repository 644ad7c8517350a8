// Graceful shutdown on SIGTERM/SIGINT (Kubernetes sends SIGTERM, then SIGKILL after the grace
// period, 30 s by default): readiness turns false at once, the steps run in order (stop accepting,
// end streams, let requests in flight finish, close Redis last), then exit 0. A step that fails is
// logged and the next ones still run (the store must still be closed), ending in exit 1. The whole
// sequence is bounded by timeoutMs, below the grace period, and a second signal cuts it short:
// both exit 1 with a log line, so an operator sees why the process did not stop cleanly.
// The slice of a pino logger used here (no pino dependency for a type).
export interface ShutdownLogger {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface ShutdownStep {
  /** Logged as the step starts (`shutdown: <name>`). */
  name: string
  run(): Promise<unknown> | void
}

export interface SignalSource {
  once(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown
}

export interface ShutdownOptions {
  logger: ShutdownLogger
  timeoutMs: number
  /**
   * Injected by tests. Otherwise a clean end sets process.exitCode and lets the event loop drain
   * (pino writes asynchronously: process.exit at once can lose or reorder the last log lines, the
   * ones saying how the shutdown went), with process.exit after 1 s if a handle keeps it alive; a
   * forced end (timeout, second signal) calls process.exit at once.
   */
  exit?: (code: number) => void
}

export interface Shutdown {
  /** True from the first signal on (readiness answers 503). */
  isStopping: () => boolean
  /** What is left of timeoutMs (the whole of it before shutdown began). */
  remainingMs: () => number
  /**
   * How long a step may wait for requests in flight: what is left, less a reserve for the steps
   * after it (closing Redis and the rest: a fifth of timeoutMs, at most 2 s).
   */
  drainBudgetMs: () => number
  /** Runs the steps on the first SIGTERM or SIGINT; a second one forces exit 1. */
  trap(steps: readonly ShutdownStep[], source?: SignalSource): void
  /** Runs the steps now (what a signal does). Resolves with the exit code after calling exit. */
  run(reason: string, steps: readonly ShutdownStep[]): Promise<number>
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']
const EXIT_GRACE_MS = 1_000

export function createShutdown(options: ShutdownOptions): Shutdown {
  const { logger, timeoutMs } = options
  const exit = options.exit ?? ((code: number) => process.exit(code))
  const settle =
    options.exit ??
    ((code: number) => {
      process.exitCode = code
      setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref()
    })
  let deadline: number | null = null
  let exited = false

  function finish(code: number, force = false): number {
    if (exited) return code
    exited = true
    if (force) exit(code)
    else settle(code)
    return code
  }

  function remainingMs(): number {
    return deadline === null ? timeoutMs : Math.max(0, deadline - Date.now())
  }

  async function run(reason: string, steps: readonly ShutdownStep[]): Promise<number> {
    if (deadline !== null) return finish(1, true)
    deadline = Date.now() + timeoutMs
    logger.info({ signal: reason, timeoutMs }, 'shutdown: started, readiness now fails')
    // Not unref'd: a step waiting on something with no handle left must still end in an exit.
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown: timed out, forcing exit')
      finish(1, true)
    }, timeoutMs)
    let failed = false
    for (const step of steps) {
      if (exited) break
      logger.info({ step: step.name }, `shutdown: ${step.name}`)
      try {
        await step.run()
      } catch (err) {
        failed = true
        logger.error({ err, step: step.name }, `shutdown: ${step.name} failed`)
      }
    }
    clearTimeout(timer)
    if (exited) return 1
    logger.info(
      { ms: timeoutMs - (deadline - Date.now()) },
      failed ? 'shutdown: done, with errors' : 'shutdown: done',
    )
    return finish(failed ? 1 : 0)
  }

  return {
    isStopping: () => deadline !== null,
    remainingMs,
    drainBudgetMs: () => Math.max(0, remainingMs() - Math.min(2_000, timeoutMs / 5)),
    run,
    trap(steps, source = process) {
      for (const signal of SIGNALS) {
        source.on(signal, (received) => {
          if (deadline === null) return void run(received, steps)
          logger.warn({ signal: received }, 'shutdown: second signal, forcing exit')
          finish(1, true)
        })
      }
    },
  }
}
