// The MCP TypeScript SDK 1.x client with its OAuth client provider against the stack as processes:
// the 401 from the gateway leads it to the protected-resource metadata (RFC 9728) and the
// authorization-server metadata (RFC 8414), it registers (RFC 7591), the scripted browser consents
// and signs in, it redeems the code (PKCE, RFC 7636) and calls every read tool; a token the gateway
// refuses makes it refresh (RFC 6749 §6) and retry; after revocation (RFC 7009) the next call is
// refused with 401 again.
import t from 'tap'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { DEMO_USER, startFullStack, type FullStack } from './support/full-stack.js'
import { createE2eProvider, SDK_REDIRECT, type E2eProvider } from './support/oauth-provider.js'
import { readToolArguments } from './support/read-tool-calls.js'

interface Seen {
  method: string
  url: string
  status: number
}

let stack: FullStack
let provider: E2eProvider
const seen: Seen[] = []
const recording: typeof fetch = async (input, init) => {
  const response = await fetch(input, init)
  const url = input instanceof Request ? input.url : String(input)
  seen.push({ method: init?.method ?? 'GET', url, status: response.status })
  return response
}
const transport = () =>
  new StreamableHTTPClientTransport(new URL(stack.mcpUrl), { authProvider: provider, fetch: recording })
const client = new Client({ name: 'e2e-sdk-v1', version: '1.0.0' })

t.before(async () => {
  stack = await startFullStack((fn) => t.teardown(fn), 'sdk-v1-oauth')
  provider = createE2eProvider(stack.publicUrl, DEMO_USER, 'E2E SDK 1.x client')
  t.teardown(() => client.close())
})

t.test('sdk 1.x: 401 → PRM → AS metadata → DCR → consent → login → token (MCP authorization)', async (t) => {
  await t.rejects(
    client.connect(transport()),
    { message: /Unauthorized/ },
    'the first connect needs the user',
  )
  const first = seen[0]
  t.match(first, { url: stack.mcpUrl, status: 401 }, 'the gateway refused the anonymous request')
  t.ok(
    seen.some(
      (s) => s.url === `${stack.publicUrl}/.well-known/oauth-protected-resource/mcp` && s.status === 200,
    ),
    'read the protected-resource metadata for /mcp',
  )
  t.ok(
    seen.some(
      (s) => s.url === `${stack.publicUrl}/.well-known/oauth-authorization-server` && s.status === 200,
    ),
    'then the authorization-server metadata',
  )
  t.ok(
    seen.some((s) => s.url === `${stack.publicUrl}/register` && s.status === 201),
    'registered itself',
  )
  t.equal(provider.held.authorizationUrl?.searchParams.get('resource'), stack.mcpUrl, 'asked for /mcp')
  const landed = provider.held.landed
  t.equal(landed && `${landed.origin}${landed.pathname}`, SDK_REDIRECT, 'the browser reached the client')
  t.equal(landed?.searchParams.get('iss'), stack.publicUrl, 'with iss (RFC 9207)')
  const code = landed?.searchParams.get('code') ?? ''
  stack.remember(code)
  await transport().finishAuth(code)
  stack.remember(provider.held.tokens?.access_token, provider.held.tokens?.refresh_token)
  t.ok(provider.held.tokens?.refresh_token, 'a refresh token was issued')
  await client.connect(transport())
  t.pass('connected with the token')
})

t.test('sdk 1.x: every read tool answers without a tool error', async (t) => {
  const listed = await client.listTools()
  const readTools = listed.tools.filter((tool) => tool.annotations?.readOnlyHint === true).map((x) => x.name)
  const call = (name: string, args: Record<string, unknown>) =>
    client.callTool({ name, arguments: args }) as Promise<{ isError?: boolean; structuredContent?: unknown }>
  const args = await readToolArguments(call, DEMO_USER)
  t.ok(readTools.length >= 10, `${readTools.length} read tools listed`)
  for (const name of readTools) {
    const input = args[name]
    if (input === undefined) {
      t.fail(`no arguments known for ${name}`)
      continue
    }
    const result = await call(name, input)
    t.notOk(result.isError, `${name} answered`)
  }
})

t.test('sdk 1.x: a refused access token makes the SDK refresh and retry (RFC 6749 §6)', async (t) => {
  const before = provider.held.tokens
  if (before === undefined) throw new Error('no tokens')
  // The access token turns invalid as far as the gateway is concerned (as an expired one does).
  provider.held.tokens = { ...before, access_token: `${before.access_token.slice(0, -6)}AAAAAA` }
  const mark = seen.length
  const result = await client.callTool({ name: 'getUserProfile', arguments: {} })
  t.notOk(result.isError, 'the call succeeded after the refresh')
  const after = seen.slice(mark)
  t.ok(
    after.some((s) => s.url === stack.mcpUrl && s.status === 401),
    'the gateway refused the bad token',
  )
  t.ok(
    after.some((s) => s.url === `${stack.publicUrl}/token` && s.status === 200),
    'the SDK refreshed at /token',
  )
  const now = provider.held.tokens
  stack.remember(now?.access_token, now?.refresh_token)
  t.not(now?.refresh_token, before.refresh_token, 'the refresh token was rotated')
  t.equal(provider.held.redirects, 1, 'no second browser sign-in')
})

t.test('sdk 1.x: after /revoke of the refresh token the next call is refused 401 (RFC 7009)', async (t) => {
  const tokens = provider.held.tokens
  const clientId = provider.held.client?.client_id ?? ''
  const revoked = await fetch(`${stack.publicUrl}/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      token: tokens?.refresh_token ?? '',
      token_type_hint: 'refresh_token',
      client_id: clientId,
    }).toString(),
  })
  t.equal(revoked.status, 200, 'revoked')
  const plain = await fetch(stack.mcpUrl, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokens?.access_token ?? ''}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
  })
  await plain.arrayBuffer()
  t.equal(plain.status, 401, 'the access token of the revoked grant is refused')
  t.match(plain.headers.get('www-authenticate') ?? '', /resource_metadata="/)
})

t.test('logs: no service logged a token, code or refresh token (ATTACKS G50)', async (t) => {
  await client.close()
  t.same(await stack.leaks(), [])
})
