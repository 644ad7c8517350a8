// The whole platform behind the gateway (issue 5): a user signs in through the gateway's OAuth
// routes (DCR, /authorize, consent, Entra login, /callback, /token: cookies and redirects pass the
// proxy intact), then the MCP SDK 1.x client lists tools and calls `add` and `getUserProfile` on
// `${PUBLIC_URL}/mcp`, balanced over two real tools replicas.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import t from 'tap'
import { startStack } from '../support/stack.js'

t.test(
  'gateway: sign-in through the gateway, then tools/list and tools/call with the SDK client',
  async (t) => {
    const stack = await startStack((fn) => t.teardown(fn))
    const user = await stack.signIn()
    const claims = JSON.parse(Buffer.from(user.accessToken.split('.')[1] ?? '', 'base64url').toString()) as {
      iss: string
      aud: string
    }
    t.equal(claims.iss, stack.publicUrl, 'the issuer is the gateway origin')
    t.equal(claims.aud, `${stack.publicUrl}/mcp`, 'the audience is the gateway /mcp URL')

    for (let round = 0; round < 2; round++) {
      const client = new Client({ name: 'gateway-e2e', version: '0.0.0' })
      const transport = new StreamableHTTPClientTransport(new URL(`${stack.publicUrl}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${user.accessToken}` } },
      })
      await client.connect(transport)
      const { tools } = await client.listTools()
      const names = tools.map((tool) => tool.name)
      t.ok(names.includes('add') && names.includes('getUserProfile'), `round ${round}: tools listed`)
      const sum = await client.callTool({ name: 'add', arguments: { a: 2, b: 40 } })
      t.match(JSON.stringify(sum.content), /42/, `round ${round}: add`)
      const profile = await client.callTool({ name: 'getUserProfile', arguments: {} })
      t.notOk(profile.isError, `round ${round}: getUserProfile succeeded`)
      t.match(JSON.stringify(profile.content), /@/, `round ${round}: the profile names the user`)
      await client.close()
    }

    // F48: the tools service's transport rules reach the client unchanged through the proxy.
    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(`${stack.publicUrl}/mcp`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${user.accessToken}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
        body: JSON.stringify(body),
      })
    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' }
    const badVersion = await post({ 'mcp-protocol-version': '1999-01-01' }, ping)
    t.equal(badVersion.status, 400, 'an unsupported MCP-Protocol-Version → 400')
    await badVersion.body?.cancel()
    const batch = await post({ 'mcp-protocol-version': '2025-06-18' }, [ping, { ...ping, id: 2 }])
    t.equal(batch.status, 400, 'a JSON-RPC batch on 2025-06-18 (batching removed) → 400')
    await batch.body?.cancel()

    const ready = await fetch(`${stack.publicUrl}/readyz`)
    t.equal(ready.status, 200)
    t.match(await ready.json(), { status: 'ready', toolsReplicasHealthy: 2, authReachable: true })
  },
)

t.test(
  'gateway: auth pages carry no CORS; the challenge on /mcp leads to metadata served here',
  async (t) => {
    const stack = await startStack((fn) => t.teardown(fn), { replicas: 1 })
    const authorize = await fetch(`${stack.publicUrl}/authorize?client_id=x`, {
      headers: { origin: 'https://evil.example' },
      redirect: 'manual',
    })
    t.equal(authorize.headers.get('access-control-allow-origin'), null, 'no CORS on /authorize')
    await authorize.body?.cancel()

    const challenge = await fetch(`${stack.publicUrl}/mcp`, { method: 'POST' })
    t.equal(challenge.status, 401)
    const metadataUrl = /resource_metadata="([^"]+)"/.exec(
      challenge.headers.get('www-authenticate') ?? '',
    )?.[1]
    t.equal(metadataUrl, `${stack.publicUrl}/.well-known/oauth-protected-resource/mcp`)
    const prm = (await (await fetch(metadataUrl ?? '')).json()) as { authorization_servers: string[] }
    const as = await fetch(`${prm.authorization_servers[0]}/.well-known/oauth-authorization-server`)
    t.equal(as.status, 200, 'the authorization server metadata is reachable through the gateway')
    t.match(await as.json(), { issuer: stack.publicUrl, token_endpoint: `${stack.publicUrl}/token` })
  },
)
