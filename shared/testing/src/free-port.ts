import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

// Ports handed out by this process: never the same one twice, even after its server closed.
const handedOut = new Set<number>()

// Below the kernel's ephemeral range, so no outgoing connection (a Redis client, an HTTP keep-alive
// socket, a DNS query) can be given the port between the probe and the caller's listen: picking a
// port with `listen(0)` lands inside that range, which is what made "address in use" possible.
const LOWEST = 20_000
const FALLBACK_EPHEMERAL_START = 32_768

function ephemeralStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)
    const start = Number(low)
    return Number.isInteger(start) && start > LOWEST + 1_000 ? start : FALLBACK_EPHEMERAL_START
  } catch {
    return FALLBACK_EPHEMERAL_START
  }
}

const highest = ephemeralStart() - 1

function probe(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.unref()
    server.once('error', () => resolve(false))
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.close(() => resolve(true))
    })
  })
}

/**
 * A TCP port that is free on 127.0.0.1, for a server whose URL must be known before it starts (an
 * issuer, a redirect URI). It is drawn at random below the kernel's ephemeral port range (which
 * outgoing connections take ports from) and probed with a listener; a port is never returned twice by
 * one process. Only another process binding the same random port between the probe and the caller's
 * listen could still take it.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (highest - LOWEST + 1))
    if (handedOut.has(port)) continue
    if (await probe(port)) {
      handedOut.add(port)
      return port
    }
  }
  throw new Error(`freePort: no free loopback port found in ${LOWEST}-${highest} after 200 attempts`)
}
