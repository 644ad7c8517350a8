// The embedded default as `npm start` runs it (issue 6): one process, every service on its own
// loopback port, the emulator and the in-memory store. Through the gateway a newcomer's MCP client
// discovers the authorization server, signs a demo user in and calls getUserProfile; Ctrl-C then
// closes every port and exits 0.
import { connect } from 'node:net'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import t from 'tap'
import { READY_LINE } from '../src/banner.js'
import { freePorts, spawnEmbedded, waitForOutput } from './support/embedded-process.js'
import { registerPublicClient, signIn } from './support/sign-in.js'

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}

t.test('embedded: sign-in and getUserProfile through the gateway, then SIGINT exits 0', async (t) => {
  const proc = spawnEmbedded({ ports: await freePorts() })
  t.teardown(() => void proc.child.kill('SIGKILL'))
  await waitForOutput(proc, READY_LINE)
  const { publicUrl } = proc
  const banner = proc.stdout()
  t.match(banner, `${publicUrl}/mcp`, 'the banner names the MCP URL')
  t.match(banner, `${publicUrl}/sse`, 'and the legacy SSE URL')
  t.match(banner, /priya\.raman@contoso\.example/, 'and a demo user')
  t.match(banner, /demo-password/, 'and the demo password')
  t.match(banner, `claude mcp add --transport http m365 ${publicUrl}/mcp`, 'and how to add it to Claude Code')

  // RFC 9728: the resource is exactly the public /mcp URL, its authorization server the origin.
  const prm = await fetch(`${publicUrl}/.well-known/oauth-protected-resource/mcp`)
  t.equal(prm.status, 200)
  t.match(await prm.json(), { resource: `${publicUrl}/mcp`, authorization_servers: [publicUrl] })
  const challenge = await fetch(`${publicUrl}/mcp`, { method: 'POST' })
  t.equal(challenge.status, 401, 'an unauthenticated MCP request is challenged')
  t.match(challenge.headers.get('www-authenticate') ?? '', /resource_metadata=/)

  const clientId = await registerPublicClient(publicUrl, 'embedded test client')
  const user = await signIn({
    publicUrl,
    clientId,
    username: 'priya.raman@contoso.example',
    resource: `${publicUrl}/mcp`,
  })
  const client = new Client({ name: 'embedded-test', version: '0.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${publicUrl}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${user.accessToken}` } },
    }),
  )
  const profile = await client.callTool({ name: 'getUserProfile', arguments: {} })
  t.notOk(profile.isError, 'getUserProfile succeeded')
  t.match(JSON.stringify(profile.content), /Priya Raman/, 'it returns the signed-in demo user')
  await client.close()

  proc.child.kill('SIGINT')
  const code = await Promise.race([
    proc.exited,
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000)),
  ])
  t.equal(code, 0, 'SIGINT ends the process with exit code 0')
  for (const [name, port] of Object.entries(proc.ports))
    t.notOk(await portOpen(port), `${name} (${port}) is closed after shutdown`)
  t.equal(proc.stderr().includes('shutdown failed'), false, 'no shutdown failure reported')
})
