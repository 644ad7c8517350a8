import { Redis } from 'ioredis'

export interface WaitForRedisOptions {
  /** Give up after this long. */
  timeoutMs: number
  /** Stop early when this returns a reason (e.g. the server process exited). */
  abortReason?: () => string | undefined
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Resolves once a Redis at `url` answers PING; rejects with the last error after `timeoutMs`. */
export async function waitForRedis(url: string, options: WaitForRedisOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs
  let lastError: unknown
  for (;;) {
    const reason = options.abortReason?.()
    if (reason !== undefined) throw new Error(reason)
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: Math.max(500, Math.min(5_000, deadline - Date.now())),
    })
    client.on('error', () => {})
    try {
      await client.connect()
      if ((await client.ping()) === 'PONG') return
    } catch (err) {
      lastError = err
    } finally {
      client.disconnect()
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? lastError.message : String(lastError)
      throw new Error(`no Redis answered PING at ${url} within ${options.timeoutMs} ms (${detail})`)
    }
    await sleep(100)
  }
}
