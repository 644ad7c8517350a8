import { createServer } from 'node:net'

/**
 * A TCP port that was free on 127.0.0.1 a moment ago: the kernel picks it for a listener on port 0,
 * which is closed again before returning. Another process can still take it before the caller
 * binds, so callers that start servers on it retry on "address in use".
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address()
      if (address === null || typeof address === 'string') {
        server.close()
        reject(new Error('freePort: the listener reported no TCP address'))
        return
      }
      server.close((err) => (err ? reject(err) : resolve(address.port)))
    })
  })
}
