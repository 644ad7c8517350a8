// MCP Inspector's CLI (`@modelcontextprotocol/inspector --cli --transport http`) against the
// gateway process, with a bearer from a grant completed in the scripted browser: it lists the tools
// and calls getUserProfile, and prints JSON that parses to what the seed says.
import { join } from 'node:path'
import t from 'tap'
import { DEMO_USER, REPO_ROOT, startFullStack, type FullStack } from './support/full-stack.js'
import { runCommand } from './support/run-command.js'
import { signIn, type Grant } from './support/sign-in.js'

const INSPECTOR = join(REPO_ROOT, 'node_modules/.bin/mcp-inspector')

let stack: FullStack
let grant: Grant
t.before(async () => {
  stack = await startFullStack((fn) => t.teardown(fn), 'inspector-cli')
  grant = await signIn({ publicUrl: stack.publicUrl, username: DEMO_USER, resource: stack.mcpUrl })
  stack.remember(grant.accessToken, grant.refreshToken, grant.code)
})

function inspector(bearer: string, ...method: string[]) {
  return runCommand(
    INSPECTOR,
    ['--cli', stack.mcpUrl, '--transport', 'http', '--header', `Authorization: Bearer ${bearer}`, ...method],
    { cwd: REPO_ROOT, timeoutMs: 45_000 },
  )
}

t.test('inspector cli: tools/list over Streamable HTTP with a bearer lists the read tools', async (t) => {
  const run = await inspector(grant.accessToken, '--method', 'tools/list')
  t.equal(run.code, 0, run.stderr)
  const listed = JSON.parse(run.stdout) as { tools: { name: string }[] }
  const names = listed.tools.map((tool) => tool.name)
  t.ok(names.includes('getUserProfile'), 'getUserProfile is offered')
  t.notOk(names.includes('sendMail'), 'write tools are off by default')
})

t.test('inspector cli: tools/call getUserProfile answers for the signed-in user', async (t) => {
  const run = await inspector(grant.accessToken, '--method', 'tools/call', '--tool-name', 'getUserProfile')
  t.equal(run.code, 0, run.stderr)
  const result = JSON.parse(run.stdout) as {
    isError?: boolean
    structuredContent?: { userPrincipalName?: string; mail?: string }
  }
  t.notOk(result.isError, 'not a tool error')
  t.equal(result.structuredContent?.mail, DEMO_USER)
})

t.test('inspector cli: a forged bearer is refused, nothing listed', async (t) => {
  const run = await inspector(`${grant.accessToken.slice(0, -4)}AAAA`, '--method', 'tools/list')
  t.not(run.code, 0, 'the CLI fails')
  t.notMatch(run.stdout, /getUserProfile/)
})

t.test('logs: no service logged a token, code or refresh token (ATTACKS G50)', async (t) => {
  t.same(await stack.leaks(), [])
})
