// Load generation shared by the benchmarks: the one client code (raw fetch of a JSON-RPC
// `tools/call`), closed-loop throughput at a fixed concurrency, alternating rounds with a median
// ratio, and an open-loop fixed rate for latencies.

/**
 * A function sending one MCP `tools/call` to `${base}/mcp`, throwing unless it answers 200 with a
 * JSON-RPC result (JSON or SSE). Without a token no Authorization header is sent.
 */
export function toolCaller(base, token, name, args) {
  let id = 0
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2025-06-18',
  }
  if (token) headers.authorization = `Bearer ${token}`
  return async () => {
    const res = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: ++id,
        method: 'tools/call',
        params: { name, arguments: args },
      }),
    })
    const text = await res.text()
    if (res.status !== 200 || !text.includes('"result"') || text.includes('"isError":true'))
      throw new Error(`${name} answered ${res.status}: ${text.slice(0, 200)}`)
  }
}

/** Calls per second of `call` run by `concurrency` workers back to back for `ms`. */
export async function throughput(call, { concurrency, ms }) {
  let done = 0
  const deadline = performance.now() + ms
  const worker = async () => {
    while (performance.now() < deadline) {
      await call()
      done++
    }
  }
  const start = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  return (done * 1000) / (performance.now() - start)
}

/**
 * Alternates rounds of `a` and `b` (after one warm-up round each) so machine noise hits both
 * alike. `measure(side)` returns one round's rate. Returns the mean rates and the median ratio a ÷ b.
 */
export async function alternate(measure, rounds) {
  await measure('a')
  await measure('b')
  const ratios = []
  let a = 0
  let b = 0
  for (let r = 0; r < rounds; r++) {
    const x = await measure('a')
    const y = await measure('b')
    a += x
    b += y
    ratios.push(x / y)
  }
  ratios.sort((x, y) => x - y)
  return {
    a: Math.round(a / rounds),
    b: Math.round(b / rounds),
    ratio: Number(ratios[Math.floor(rounds / 2)].toFixed(3)),
  }
}

/** Open loop: a request every 1/rate s whatever the previous ones are doing; latencies in ms. */
export async function fixedRate(call, rate, ms, into) {
  const interval = 1000 / rate
  const pending = []
  const start = performance.now()
  for (let i = 0; i * interval < ms; i++) {
    const due = start + i * interval
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const sent = performance.now()
    pending.push(call().then(() => into.push(performance.now() - sent)))
  }
  await Promise.all(pending)
}

export const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
export const round2 = (n) => Number(n.toFixed(2))

/** BENCH_QUICK=1: smaller, shorter runs (a smoke check of the benchmarks, noisier figures). */
export const QUICK = process.env.BENCH_QUICK === '1'
