// The MCP SDK v2 client (`@modelcontextprotocol/client`) pinned to revision 2026-07-28 through the
// same OAuth flow as the 1.x client: its auth provider is driven by the 401 from the gateway
// process (RFC 9728 discovery, DCR, consent and emulator login in the scripted browser, PKCE code
// exchange); then it lists tools and calls getUserProfile with the new revision's headers.
import t from 'tap'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { DEMO_USER, startFullStack, type FullStack } from './support/full-stack.js'
import { createE2eProvider, type E2eProvider } from './support/oauth-provider.js'

let stack: FullStack
let provider: E2eProvider
const sent: { method: string | null; version: string | null }[] = []
const watch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers)
  sent.push({ method: headers.get('mcp-method'), version: headers.get('mcp-protocol-version') })
  return fetch(input, init)
}
type V2Provider = NonNullable<ConstructorParameters<typeof StreamableHTTPClientTransport>[1]>['authProvider']
const transport = () =>
  new StreamableHTTPClientTransport(new URL(stack.mcpUrl), {
    authProvider: provider as unknown as V2Provider,
    fetch: watch,
  })
const client = new Client(
  { name: 'e2e-sdk-v2', version: '2.0.0' },
  { versionNegotiation: { mode: { pin: '2026-07-28' } } },
)

t.before(async () => {
  stack = await startFullStack((fn) => t.teardown(fn), 'sdk-v2-client')
  provider = createE2eProvider(stack.publicUrl, DEMO_USER, 'E2E SDK v2 client')
  t.teardown(() => client.close())
})

t.test('sdk v2: the 401 starts discovery, DCR, consent and login; the code is redeemed', async (t) => {
  await t.rejects(
    client.connect(transport()),
    { message: /Unauthorized/ },
    'the first connect needs the user',
  )
  t.equal(provider.held.redirects, 1, 'the browser step ran once')
  t.equal(provider.held.authorizationUrl?.searchParams.get('resource'), stack.mcpUrl, 'asked for /mcp')
  t.equal(provider.held.landed?.searchParams.get('iss'), stack.publicUrl, 'with iss (RFC 9207)')
  const landed = provider.held.landed
  if (landed === undefined) throw new Error('the browser never reached the client')
  stack.remember(landed.searchParams.get('code') ?? '')
  // v2 takes the whole callback and checks its iss against the discovered issuer (RFC 9207).
  await transport().finishAuth(landed.searchParams)
  stack.remember(provider.held.tokens?.access_token, provider.held.tokens?.refresh_token)
  await client.connect(transport())
  t.equal(client.getNegotiatedProtocolVersion(), '2026-07-28')
})

t.test('sdk v2: lists tools and calls getUserProfile on 2026-07-28', async (t) => {
  const { tools } = await client.listTools()
  t.ok(
    tools.some((tool) => tool.name === 'getUserProfile'),
    'getUserProfile listed',
  )
  const result = (await client.callTool({ name: 'getUserProfile', arguments: {} })) as {
    isError?: boolean
    structuredContent?: { mail?: string }
  }
  t.notOk(result.isError, 'not a tool error')
  t.equal(result.structuredContent?.mail, DEMO_USER)
  t.match(
    sent.find((s) => s.method === 'tools/call'),
    { version: '2026-07-28' },
    'MCP-Protocol-Version and Mcp-Method went through',
  )
})

t.test('logs: no service logged a token, code or refresh token (ATTACKS G50)', async (t) => {
  await client.close()
  t.same(await stack.leaks(), [])
})
