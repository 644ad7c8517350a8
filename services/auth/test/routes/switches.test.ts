// Operator switches of the client registry: dynamic registration and URL client ids can each be
// turned off; the metadata then stops advertising them and the endpoints refuse.
import t from 'tap'
import { startAuth } from '../support/auth-harness.js'
import { expectLocalPage } from '../support/attack-kit.js'
import { authorizeUrl, register } from '../support/mcp-client.js'

t.test('DCR_ENABLED=false: no registration endpoint advertised, POST /register is 404', async (t) => {
  const auth = await startAuth((fn) => t.teardown(fn), { DCR_ENABLED: 'false' })
  const metadata = (await (
    await fetch(`${auth.publicUrl}/.well-known/oauth-authorization-server`)
  ).json()) as Record<string, unknown>
  t.notOk('registration_endpoint' in metadata, 'metadata has no registration_endpoint')
  const response = await register(auth.publicUrl, { redirect_uris: ['https://app.example.com/cb'] })
  t.equal(response.status, 404)
})

t.test('CIMD_ENABLED=false: URL client ids are refused at /authorize, rendered locally', async (t) => {
  const auth = await startAuth((fn) => t.teardown(fn), { CIMD_ENABLED: 'false' })
  const metadata = (await (
    await fetch(`${auth.publicUrl}/.well-known/oauth-authorization-server`)
  ).json()) as Record<string, unknown>
  t.equal(metadata.client_id_metadata_document_supported, false)
  const { url } = authorizeUrl(auth.publicUrl, {
    clientId: 'https://client.example.com/oauth/metadata.json',
    redirectUri: 'http://127.0.0.1:33418/callback',
  })
  const page = await expectLocalPage(t, await fetch(url, { redirect: 'manual' }), 400)
  t.match(page, /disabled/, 'the page says URL client ids are disabled')
})
