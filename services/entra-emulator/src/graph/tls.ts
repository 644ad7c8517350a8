// Per-run TLS for the Graph emulator. `@microsoft/microsoft-graph-client` v3 attaches the bearer token
// only to https:// URLs, so Graph is served over HTTPS: a throwaway CA made at start signs a server
// certificate for the loopback names, and clients trust the CA (never the system store) per run,
// e.g. undici `new Agent({ connect: { ca: caPem } })`. Nothing here is persisted.
import { generate } from 'selfsigned'
import { isIP } from 'node:net'

export interface RunCertificates {
  /** The run's CA certificate: what clients pass as `ca`. */
  caPem: string
  /** The server certificate (signed by the CA) for `https.cert`. */
  certPem: string
  /** The server certificate's private key for `https.key`. */
  keyPem: string
}

export interface RunCertificateOptions {
  /** Names the server certificate covers; DNS names or IP literals. */
  hosts?: readonly string[]
}

export const DEFAULT_TLS_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '::1']

const DAY_MS = 24 * 60 * 60 * 1000

export async function createRunCertificates(options: RunCertificateOptions = {}): Promise<RunCertificates> {
  const hosts = options.hosts ?? DEFAULT_TLS_HOSTS
  if (hosts.length === 0) throw new Error('createRunCertificates: at least one host is required')
  // Back-date a little so a client whose clock is slightly behind still accepts the certificates.
  const notBeforeDate = new Date(Date.now() - DAY_MS)
  const notAfterDate = new Date(Date.now() + 30 * DAY_MS)

  const ca = await generate([{ name: 'commonName', value: 'Entra emulator run CA' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  })

  const first = hosts[0] ?? 'localhost'
  const server = await generate([{ name: 'commonName', value: first }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      // RFC 6125 §6.4.4: clients match names against the SAN, never the CN alone.
      {
        name: 'subjectAltName',
        altNames: hosts.map((h) => (isIP(h) ? { type: 7, ip: h } : { type: 2, value: h })),
      },
    ],
  })

  return { caPem: ca.cert, certPem: server.cert, keyPem: server.private }
}
