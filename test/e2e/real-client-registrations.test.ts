// The registration and authorization shapes real clients send (ARCHITECTURE.md "What real clients
// send"; the same bodies as services/auth/test/routes/real-clients.test.ts), replayed through the
// gateway process in front of the auth replicas: each DCR body is accepted as sent, and /authorize
// with each client's redirect (loopback on another port, private-use scheme, https) shows consent.
import { createHash, randomBytes } from 'node:crypto'
import t from 'tap'
import { startFullStack, type FullStack } from './support/full-stack.js'

let stack: FullStack
t.before(async () => {
  stack = await startFullStack((fn) => t.teardown(fn), 'real-clients')
})

const SHAPES = [
  {
    who: 'Claude',
    body: {
      client_name: 'Claude',
      redirect_uris: ['https://claude.ai/api/mcp/auth_callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
    authorizeWith: ['https://claude.ai/api/mcp/auth_callback'],
  },
  {
    who: 'Cursor',
    body: {
      client_name: 'Cursor',
      redirect_uris: [
        'cursor://anysphere.cursor-mcp/oauth/callback',
        'https://cursor.com/oauth/callback',
        'http://localhost:54321/callback',
      ],
      token_endpoint_auth_method: 'none',
    },
    authorizeWith: ['cursor://anysphere.cursor-mcp/oauth/callback', 'http://localhost:61000/callback'],
  },
  {
    who: 'VS Code',
    body: {
      client_name: 'Visual Studio Code',
      redirect_uris: ['https://vscode.dev/redirect', 'http://127.0.0.1:33418/'],
      token_endpoint_auth_method: 'none',
    },
    authorizeWith: ['https://vscode.dev/redirect', 'http://127.0.0.1:49152/'],
  },
  {
    who: 'mcp-remote',
    body: {
      client_name: 'MCP CLI Proxy',
      redirect_uris: ['http://localhost:3334/oauth/callback'],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
    },
    authorizeWith: ['http://localhost:3334/oauth/callback'],
  },
]

for (const shape of SHAPES)
  t.test(
    `${shape.who}: its DCR body is accepted and its redirects reach consent (RFC 7591, RFC 8252)`,
    async (t) => {
      const response = await fetch(`${stack.publicUrl}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(shape.body),
      })
      t.equal(response.status, 201, 'registered')
      const client = (await response.json()) as {
        client_id: string
        client_secret?: string
        token_endpoint_auth_method: string
        redirect_uris: string[]
      }
      stack.remember(client.client_secret)
      t.equal(client.token_endpoint_auth_method, shape.body.token_endpoint_auth_method, 'auth method echoed')
      t.same(client.redirect_uris, shape.body.redirect_uris, 'every redirect URI kept')
      t.equal(
        Boolean(client.client_secret),
        shape.body.token_endpoint_auth_method !== 'none',
        'a secret only for secret methods',
      )
      for (const redirectUri of shape.authorizeWith) {
        const url = new URL(`${stack.publicUrl}/authorize`)
        url.search = new URLSearchParams({
          response_type: 'code',
          client_id: client.client_id,
          redirect_uri: redirectUri,
          code_challenge: createHash('sha256').update(randomBytes(32)).digest('base64url'),
          code_challenge_method: 'S256',
          state: randomBytes(8).toString('base64url'),
          resource: stack.mcpUrl,
        }).toString()
        const consent = await fetch(url, { redirect: 'manual' })
        const page = await consent.text()
        t.equal(consent.status, 200, `consent for ${redirectUri}`)
        t.match(page, shape.body.client_name, 'the page names the client')
      }
    },
  )

t.test('logs: no service logged a token, code or client secret (ATTACKS G50)', async (t) => {
  t.same(await stack.leaks(), [])
})
