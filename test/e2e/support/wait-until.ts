// Polls a condition until it holds, failing with the last reason when the deadline passes; used
// for readiness probes of processes that were just spawned.
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  options: { timeoutMs?: number; intervalMs?: number; abort?: () => string | null } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  let lastError = ''
  for (;;) {
    const aborted = options.abort?.()
    if (aborted) throw new Error(`${what}: gave up (${aborted})`)
    try {
      if (await probe()) return
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err)
    }
    if (Date.now() > deadline) throw new Error(`${what}: not ready in time ${lastError}`.trim())
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100))
  }
}

/** True when GET `url` answers 200 (and `accept` agrees with the JSON body, when given). */
export async function answers200(url: string, accept?: (body: unknown) => boolean): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
  if (response.status !== 200) {
    await response.arrayBuffer()
    return false
  }
  const body: unknown = await response.json().catch(() => null)
  return accept ? accept(body) : true
}
