// The registration and sign-in shapes real MCP clients use (ARCHITECTURE.md "What real clients
// send"): each registers as it does in the wild and completes the flow to tokens.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { decodeJwt } from 'jose'
import { createTestCertificate, sendJson, startHttpsServer } from '../net/https-fixture.js'
import { startAuth, type AuthHarness } from '../support/auth-harness.js'
import { exchange, expectLocalPage, signInForTokens } from '../support/attack-kit.js'
import { authorizeUrl, register, token, type RegisteredClient } from '../support/mcp-client.js'

let auth: AuthHarness
let scope: string

t.before(async () => {
  auth = await startAuth((fn) => t.teardown(fn))
  const metadata = (await (
    await fetch(`${auth.publicUrl}/.well-known/oauth-authorization-server`)
  ).json()) as {
    scopes_supported: string[]
  }
  scope = metadata.scopes_supported.join(' ')
})

async function registered(t: Test, metadata: Record<string, unknown>): Promise<RegisteredClient> {
  const response = await register(auth.publicUrl, metadata)
  t.equal(response.status, 201, 'registered')
  const body = (await response.json()) as RegisteredClient
  t.equal(body.token_endpoint_auth_method, metadata.token_endpoint_auth_method, 'auth method echoed')
  t.same(body.redirect_uris, metadata.redirect_uris, 'every redirect URI kept')
  return body
}

t.test(
  'Claude: client_secret_post with the claude.ai callback, resource and scope, completes to tokens',
  async (t) => {
    const redirect = 'https://claude.ai/api/mcp/auth_callback'
    const claude = await registered(t, {
      client_name: 'Claude',
      redirect_uris: [redirect],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    })
    t.type(claude.client_secret, 'string', 'a secret for the secret method')
    const resource = `${auth.publicUrl}/mcp`
    const issued = await signInForTokens(auth, {
      clientId: claude.client_id,
      redirectUri: redirect,
      resource,
      scope,
      clientSecret: claude.client_secret ?? '',
      clientAuth: 'post',
    })
    t.equal(issued.status, 200, JSON.stringify(issued.body))
    t.equal(decodeJwt(issued.access_token).aud, resource)
    t.ok(issued.body.refresh_token, 'a refresh token without offline_access')
    const refreshed = await token(auth.publicUrl, {
      grant_type: 'refresh_token',
      refresh_token: issued.refresh_token,
      client_id: claude.client_id,
      client_secret: claude.client_secret ?? '',
    })
    t.equal(refreshed.status, 200, 'refresh with the secret by post')
    t.equal((await exchange(auth, String(refreshed.body.access_token))).status, 200, 'usable by the tools')
  },
)

t.test(
  'Cursor: a public client with cursor://, https and localhost redirects in one registration',
  async (t) => {
    const redirects = [
      'cursor://anysphere.cursor-mcp/oauth/callback',
      'https://cursor.com/oauth/callback',
      'http://localhost:54321/callback',
    ]
    const cursor = await registered(t, {
      client_name: 'Cursor',
      redirect_uris: redirects,
      token_endpoint_auth_method: 'none',
    })
    t.notOk(cursor.client_secret, 'a public client gets no secret')
    const issued = await signInForTokens(auth, {
      clientId: cursor.client_id,
      redirectUri: redirects[0] ?? '',
    })
    t.equal(issued.status, 200, JSON.stringify(issued.body))
    t.equal(decodeJwt(issued.access_token).client_id, cursor.client_id)
    const viaHttps = await signInForTokens(auth, {
      clientId: cursor.client_id,
      redirectUri: redirects[1] ?? '',
    })
    t.equal(viaHttps.status, 200, 'the https redirect of the same registration works')
    const viaLocalhost = await signInForTokens(auth, {
      clientId: cursor.client_id,
      redirectUri: 'http://localhost:61000/callback',
    })
    t.equal(viaLocalhost.status, 200, 'the localhost redirect works on another port too')
  },
)

t.test('VS Code: vscode.dev and a loopback redirect; any port at /authorize', async (t) => {
  const vscode = await registered(t, {
    client_name: 'Visual Studio Code',
    redirect_uris: ['https://vscode.dev/redirect', 'http://127.0.0.1:33418/'],
    token_endpoint_auth_method: 'none',
  })
  const resource = `${auth.publicUrl}/mcp`
  const issued = await signInForTokens(auth, {
    clientId: vscode.client_id,
    redirectUri: 'http://127.0.0.1:49152/',
    resource,
  })
  t.equal(issued.status, 200, JSON.stringify(issued.body))
  t.equal(decodeJwt(issued.access_token).aud, resource, 'aud equals the resource exactly')
  const web = await signInForTokens(auth, {
    clientId: vscode.client_id,
    redirectUri: 'https://vscode.dev/redirect',
  })
  t.equal(web.status, 200, 'the vscode.dev redirect too')
})

t.test('mcp-remote: a public client on http://localhost:3334/oauth/callback without resource', async (t) => {
  const redirect = 'http://localhost:3334/oauth/callback'
  const remote = await registered(t, {
    client_name: 'MCP CLI Proxy',
    redirect_uris: [redirect],
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
  })
  const issued = await signInForTokens(auth, { clientId: remote.client_id, redirectUri: redirect })
  t.equal(issued.status, 200, JSON.stringify(issued.body))
  t.equal(decodeJwt(issued.access_token).aud, `${auth.publicUrl}/mcp`, 'no resource: the default /mcp')
  t.ok(issued.body.refresh_token, 'a refresh token too')
  const refreshed = await token(auth.publicUrl, {
    grant_type: 'refresh_token',
    refresh_token: issued.refresh_token,
    client_id: remote.client_id,
  })
  t.equal(refreshed.status, 200, 'a public client refreshes with its client_id alone')
  t.not(refreshed.body.refresh_token, issued.refresh_token, 'rotated')
})

t.test('SDK clients: client_secret_basic at the token endpoint', async (t) => {
  const redirect = 'http://127.0.0.1:6274/oauth/callback'
  const sdk = await registered(t, {
    client_name: 'MCP Inspector',
    redirect_uris: [redirect],
    token_endpoint_auth_method: 'client_secret_basic',
  })
  const issued = await signInForTokens(auth, {
    clientId: sdk.client_id,
    redirectUri: redirect,
    clientSecret: sdk.client_secret ?? '',
    clientAuth: 'basic',
  })
  t.equal(issued.status, 200, JSON.stringify(issued.body))
})

// Claude Code identifies itself with a Client ID Metadata Document (an https URL) whose redirect
// URIs are loopback WITHOUT a port; at run time it listens on an ephemeral port. RFC 8252 §7.3:
// the port of a loopback redirect may vary, so the grant must complete.
t.test(
  'Claude Code: CIMD client id with portless loopback redirects, used on an ephemeral port (RFC 8252 §7.3)',
  async (t) => {
    const certificate = await createTestCertificate()
    let clientId = ''
    const documentServer = await startHttpsServer(certificate, (_req, res) =>
      sendJson(res, {
        client_id: clientId,
        client_name: 'Claude Code',
        redirect_uris: ['http://127.0.0.1/callback', 'http://localhost/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
      }),
    )
    t.teardown(() => documentServer.close())
    clientId = `https://127.0.0.1:${documentServer.port}/oauth/claude-code-client-metadata`
    const caFile = join(await mkdtemp(join(tmpdir(), 'cimd-ca-')), 'ca.pem')
    await writeFile(caFile, certificate.cert)

    const withCa = await startAuth((fn) => t.teardown(fn), {
      CIMD_ALLOW_PRIVATE_NETWORKS: 'true',
      CIMD_CA_FILE: caFile,
    })
    const redirectUri = 'http://127.0.0.1:54873/callback'
    const resource = `${withCa.publicUrl}/mcp`
    const issued = await signInForTokens(withCa, { clientId, redirectUri, resource })
    t.equal(issued.status, 200, JSON.stringify(issued.body))
    const claims = decodeJwt(issued.access_token)
    t.equal(claims.client_id, clientId, 'the URL is the client id')
    t.equal(claims.aud, resource)
    t.ok(documentServer.requests.length > 0, 'the metadata document was fetched')
    const refreshed = await token(withCa.publicUrl, {
      grant_type: 'refresh_token',
      refresh_token: issued.refresh_token,
      client_id: clientId,
    })
    t.equal(refreshed.status, 200, 'refresh as a public client (token_endpoint_auth_method none)')
    const viaLocalhost = await signInForTokens(withCa, {
      clientId,
      redirectUri: 'http://localhost:61111/callback',
    })
    t.equal(viaLocalhost.status, 200, 'the localhost entry on another port too')

    // The same document without CIMD_CA_FILE: its self-signed certificate is not trusted, so the
    // client is refused on our own page. The CA file is what made the grant above possible.
    const withoutCa = await startAuth((fn) => t.teardown(fn), { CIMD_ALLOW_PRIVATE_NETWORKS: 'true' })
    const fetchedBefore = documentServer.requests.length
    const { url } = authorizeUrl(withoutCa.publicUrl, { clientId, redirectUri })
    await expectLocalPage(t, await fetch(url, { redirect: 'manual' }), 400, 'untrusted certificate')
    t.equal(documentServer.requests.length, fetchedBefore, 'the TLS handshake failed before any request')
  },
)
