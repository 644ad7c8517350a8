import { X509Certificate } from 'node:crypto'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { Agent, fetch } from 'undici'
import { createRunCertificates } from '../../src/graph/tls.js'

const certs = await createRunCertificates()

t.test('createRunCertificates: the server certificate is signed by the run CA, which is a CA', async (t) => {
  const ca = new X509Certificate(certs.caPem)
  const leaf = new X509Certificate(certs.certPem)
  t.ok(ca.ca, 'basicConstraints cA')
  t.notOk(leaf.ca)
  t.ok(leaf.checkIssued(ca))
  t.ok(leaf.verify(ca.publicKey))
  t.match(leaf.subjectAltName, /DNS:localhost/)
  t.match(leaf.subjectAltName, /IP Address:127\.0\.0\.1/)
  t.match(leaf.subjectAltName, /IP Address:0:0:0:0:0:0:0:1|IP Address:::1/)
})

t.test('createRunCertificates: each run makes a new CA', async (t) => {
  const other = await createRunCertificates({ hosts: ['graph.test'] })
  t.not(other.caPem, certs.caPem)
  t.match(new X509Certificate(other.certPem).subjectAltName, /DNS:graph\.test/)
  await t.rejects(createRunCertificates({ hosts: [] }))
})

t.test(
  'an undici Agent trusting the run CA connects to localhost, 127.0.0.1 and ::1; without it TLS fails',
  async (t) => {
    const server = createServer({ key: certs.keyPem, cert: certs.certPem }, (_req, res) => res.end('ok'))
    await new Promise<void>((resolve) => server.listen(0, '::', resolve))
    t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
    const { port } = server.address() as AddressInfo
    const trusted = new Agent({ connect: { ca: certs.caPem } })
    t.teardown(() => trusted.close())
    for (const host of ['localhost', '127.0.0.1', '[::1]']) {
      const res = await fetch(`https://${host}:${port}/`, { dispatcher: trusted })
      t.equal(await res.text(), 'ok', host)
    }
    const untrusted = new Agent()
    t.teardown(() => untrusted.close())
    await t.rejects(fetch(`https://localhost:${port}/`, { dispatcher: untrusted }))
    const otherCa = await createRunCertificates()
    const wrong = new Agent({ connect: { ca: otherCa.caPem } })
    t.teardown(() => wrong.close())
    await t.rejects(
      fetch(`https://localhost:${port}/`, { dispatcher: wrong }),
      'another run’s CA is not trusted',
    )
  },
)
