// URL client ids (Client ID Metadata Documents) at /authorize against the running service
// (ATTACKS E37): the server-side fetch never reaches loopback, private, link-local or metadata
// addresses, whatever spelling the URL uses; the refusal is a local page, never a redirect.
import { createServer, type AddressInfo } from 'node:net'
import t from 'tap'
import { startAuth, type AuthHarness } from '../support/auth-harness.js'
import { expectLocalPage, stillAnswering } from '../support/attack-kit.js'
import { authorizeUrl } from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'
let auth: AuthHarness
let hits = 0
let docPort = 0

t.before(async () => {
  auth = await startAuth((fn) => t.teardown(fn))
  // A listener on loopback counting TCP connections: had any refused fetch gone out, even one that
  // would then fail TLS, it would count.
  const server = createServer((socket) => {
    hits++
    socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  docPort = (server.address() as AddressInfo).port
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
})

const spellings = () => [
  `https://127.0.0.1:${docPort}/client.json`,
  `https://localhost:${docPort}/client.json`,
  `https://[::1]:${docPort}/client.json`,
  `https://2130706433:${docPort}/client.json`,
  `https://0x7f000001:${docPort}/client.json`,
  `https://[::ffff:127.0.0.1]:${docPort}/client.json`,
  'https://169.254.169.254/latest/meta-data/client.json',
  'https://10.0.0.1/client.json',
  'http://example.com/client.json',
]

t.test(
  'E37: URL client ids on loopback, private or metadata addresses are refused at /authorize',
  async (t) => {
    for (const clientId of spellings()) {
      const { url } = authorizeUrl(auth.publicUrl, { clientId, redirectUri: REDIRECT })
      const response = await fetch(url, { redirect: 'manual' })
      await expectLocalPage(t, response, 400, clientId)
    }
    t.equal(hits, 0, 'no request reached the loopback document server')
    await stillAnswering(t, auth)
  },
)
