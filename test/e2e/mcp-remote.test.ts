// mcp-remote as the stdio bridge desktop clients run (`mcp-remote <url> --header "Authorization:
// Bearer ${TOKEN}"`, the token in the environment, not on the command line), fed JSON-RPC on stdin:
// initialize, notifications/initialized, tools/list, tools/call, through the gateway process.
import { join } from 'node:path'
import t from 'tap'
import { DEMO_USER, REPO_ROOT, startFullStack, type FullStack } from './support/full-stack.js'
import { signIn } from './support/sign-in.js'
import { startStdioPeer, type StdioPeer } from './support/stdio-json-rpc.js'

let stack: FullStack
let bridge: StdioPeer
t.before(async () => {
  stack = await startFullStack((fn) => t.teardown(fn), 'mcp-remote')
  const grant = await signIn({ publicUrl: stack.publicUrl, username: DEMO_USER, resource: stack.mcpUrl })
  stack.remember(grant.accessToken, grant.refreshToken, grant.code)
  bridge = startStdioPeer(
    join(REPO_ROOT, 'node_modules/.bin/mcp-remote'),
    [stack.mcpUrl, '--transport', 'http-only', '--header', 'Authorization: Bearer ${TOKEN}'],
    {
      PATH: process.env.PATH ?? '',
      HOME: stack.runDir,
      MCP_REMOTE_CONFIG_DIR: join(stack.runDir, 'mcp-remote'),
      TOKEN: grant.accessToken,
    },
    REPO_ROOT,
  )
  t.teardown(() => bridge.close())
})

t.test('mcp-remote: initialize over stdio reaches the server through the bridge', async (t) => {
  const answer = await bridge.request('initialize', {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'e2e-stdio', version: '1.0.0' },
  })
  t.notOk(answer.error, bridge.stderr().slice(-2000))
  const result = answer.result as { protocolVersion?: string; serverInfo?: { name?: string } }
  t.type(result.protocolVersion, 'string', 'a negotiated protocol version')
  t.ok(result.serverInfo?.name, 'the server named itself')
  bridge.notify('notifications/initialized')
})

t.test('mcp-remote: tools/list and tools/call getUserProfile through the bridge', async (t) => {
  const listed = await bridge.request('tools/list')
  const tools = (listed.result as { tools?: { name: string }[] } | undefined)?.tools ?? []
  t.ok(
    tools.some((tool) => tool.name === 'getUserProfile'),
    'getUserProfile listed',
  )
  const called = await bridge.request('tools/call', { name: 'getUserProfile', arguments: {} })
  const result = called.result as { isError?: boolean; structuredContent?: { mail?: string } } | undefined
  t.notOk(result?.isError, 'not a tool error')
  t.equal(result?.structuredContent?.mail, DEMO_USER)
})

t.test('logs: no service logged a token, code or refresh token (ATTACKS G50)', async (t) => {
  await bridge.close()
  t.same(await stack.leaks(), [])
})
