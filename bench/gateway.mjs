// The gateway's cost (issue 5), measured side by side in one run: the emulator, the auth service,
// one tools replica and the gateway in this process (built packages), one signed-in user, and the
// same client code (raw fetch of JSON-RPC `tools/call add`) sent through the gateway and directly to
// the tools replica with the same token. Throughput: a fixed concurrency for alternating rounds,
// median ratio gateway ÷ direct. Latency: an open-loop fixed rate on both paths, interleaved request
// by request, p50/p99 of each and the difference. Rate limits are on (Redis), with limits too high to
// refuse, so their store round trip is part of the cost. Prints only; nothing is asserted.
import { startPlatform } from './support/platform.mjs'
import { alternate, fixedRate, percentile, QUICK, round2, throughput, toolCaller } from './support/load.mjs'

const CONCURRENCY = 16
const ROUND_MS = 1_000
const ROUNDS = QUICK ? 3 : 5
// At most 100 req/s, and at most 30% of the gateway path's measured capacity: a saturated path
// measures its queue, not the gateway (all of it shares this one process).
const MAX_RATE_PER_SEC = 100
const LATENCY_SLICE_MS = 2_000
const LATENCY_SLICES = QUICK ? 2 : 5 // per path: 10 s each

export async function benchGateway() {
  const closers = []
  try {
    const platform = await startPlatform(closers, { name: 'bench-gateway' })
    const { accessToken } = await platform.signIn('/mcp')
    const viaGateway = toolCaller(platform.gatewayUrl, accessToken, 'add', { a: 1, b: 2 })
    const direct = toolCaller(platform.toolsUrl, accessToken, 'add', { a: 1, b: 2 })
    const load = { concurrency: CONCURRENCY, ms: ROUND_MS }
    const tp = await alternate((side) => throughput(side === 'a' ? viaGateway : direct, load), ROUNDS)

    const rate = Math.max(5, Math.min(MAX_RATE_PER_SEC, Math.round(0.3 * tp.a)))
    // Interleaved request by request (even ticks through the gateway, odd ones direct, each path at
    // `rate`): both paths meet the same noise from this shared machine, so the tail difference is
    // the gateway's and not whichever slice a GC pause or a neighbour happened to hit.
    const gwLatency = []
    const directLatency = []
    let tick = 0
    const paired = () => {
      const gateway = tick++ % 2 === 0
      const sent = performance.now()
      return (gateway ? viaGateway : direct)().then(() =>
        (gateway ? gwLatency : directLatency).push(performance.now() - sent),
      )
    }
    await fixedRate(paired, 2 * rate, 2 * LATENCY_SLICES * LATENCY_SLICE_MS, [])
    gwLatency.sort((x, y) => x - y)
    directLatency.sort((x, y) => x - y)
    const p = (list, q) => round2(percentile(list, q))
    return {
      concurrency: CONCURRENCY,
      gatewayCallsPerSec: tp.a,
      directCallsPerSec: tp.b,
      throughputRatio: tp.ratio,
      ratePerSec: rate,
      samplesPerPath: gwLatency.length,
      latencyMs: {
        gateway: { p50: p(gwLatency, 50), p99: p(gwLatency, 99) },
        direct: { p50: p(directLatency, 50), p99: p(directLatency, 99) },
        addedP50: round2(percentile(gwLatency, 50) - percentile(directLatency, 50)),
        addedP99: round2(percentile(gwLatency, 99) - percentile(directLatency, 99)),
      },
    }
  } finally {
    for (const close of closers.reverse()) await close()
  }
}
