import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import t from 'tap'
import { freePort } from '../src/free-port.js'

t.test('freePort: returns a loopback port a server can listen on', async (t) => {
  const port = await freePort()
  t.ok(Number.isInteger(port) && port > 0 && port < 65536, `port ${port} is a TCP port`)
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  t.equal((server.address() as { port: number }).port, port)
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

t.test(
  'freePort: stays below the ephemeral range outgoing connections draw from, and never repeats',
  async (t) => {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)
    const ports = await Promise.all(Array.from({ length: 50 }, () => freePort()))
    t.equal(new Set(ports).size, ports.length, 'fifty distinct ports')
    t.ok(
      ports.every((port) => port >= 20_000 && port < Number(low)),
      `all in [20000, ${low})`,
    )
  },
)
