// A stand-in for the auth service's `/jwks.json` on loopback: ES256 keys we hold the private half
// of (to mint otherwise-valid tokens with wrong claims), a fetch counter (to check the RFC 7517 key
// set is cached and refetched at most once per cooldown), and an off switch (the auth service down).
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose'

export interface SigningKey {
  kid: string
  privateKey: CryptoKey
  publicKey: CryptoKey
  publicJwk: JWK
}

export async function newSigningKey(kid: string = randomUUID()): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }
  return { kid, privateKey, publicKey, publicJwk }
}

export interface JwksServer {
  url: string
  /** How many times the key set was fetched. */
  readonly fetches: number
  /** Replaces the published keys (a rotation). */
  publish(keys: readonly SigningKey[]): void
  /** Stops answering: connections are refused until start(). */
  stop(): Promise<void>
  /** Listens again on the same port. */
  start(): Promise<void>
}

type Teardown = (fn: () => Promise<void> | void) => void

export async function startJwksServer(teardown: Teardown, keys: readonly SigningKey[]): Promise<JwksServer> {
  let published = keys
  let fetches = 0
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/jwks.json') {
      res.writeHead(404).end()
      return
    }
    fetches++
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ keys: published.map((key) => key.publicJwk) }))
  })
  let port = 0
  let listening = false
  const start = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        port = (server.address() as AddressInfo).port
        listening = true
        resolve()
      })
    })
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!listening) return resolve()
      listening = false
      server.closeAllConnections()
      server.close(() => resolve())
    })
  await start()
  teardown(stop)
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    get fetches() {
      return fetches
    },
    publish(next) {
      published = next
    },
    stop,
    start,
  }
}
