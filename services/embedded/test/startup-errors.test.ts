// What a newcomer sees when `npm start` cannot start: a port in use names the port and the variable
// that moves it; REDIS_URL without the persistent keys names each missing key; half an Entra
// configuration is refused rather than silently replaced by the emulator. Each exits 1 with no stack.
import { createServer } from 'node:net'
import t from 'tap'
import { freePorts, spawnEmbedded } from './support/embedded-process.js'

t.test('embedded: a port in use stops the start, naming the port and its variable', async (t) => {
  const ports = await freePorts()
  const squatter = createServer()
  await new Promise<void>((resolve) => squatter.listen(ports.TOOLS_PORT, '127.0.0.1', resolve))
  t.teardown(() => void squatter.close())
  const proc = spawnEmbedded({ ports })
  t.teardown(() => void proc.child.kill('SIGKILL'))
  t.equal(await proc.exited, 1, 'exit code 1')
  t.match(proc.stderr(), `Port ${ports.TOOLS_PORT} is already in use (TOOLS_PORT)`)
  t.notMatch(proc.stderr(), /\n\s+at /, 'no stack trace')
})

t.test('embedded: REDIS_URL requires the keys that protect stored data (no random keys)', async (t) => {
  const proc = spawnEmbedded({
    ports: await freePorts(),
    env: { REDIS_URL: 'redis://127.0.0.1:6379', COOKIE_SECRETS: 'c'.repeat(40) },
  })
  t.teardown(() => void proc.child.kill('SIGKILL'))
  t.equal(await proc.exited, 1, 'exit code 1')
  const stderr = proc.stderr()
  t.match(stderr, /TOKEN_ENCRYPTION_KEYS: required with REDIS_URL/)
  t.match(stderr, /CURSOR_KEYS: required with REDIS_URL/)
  t.notMatch(stderr, /COOKIE_SECRETS:/, 'a key that was given is not reported')
})

t.test('embedded: a partial Entra configuration names what is missing', async (t) => {
  const proc = spawnEmbedded({
    ports: await freePorts(),
    env: { ENTRA_AUTHORITY: 'https://login.microsoftonline.com/4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f/v2.0' },
  })
  t.teardown(() => void proc.child.kill('SIGKILL'))
  t.equal(await proc.exited, 1, 'exit code 1')
  t.match(proc.stderr(), /ENTRA_CLIENT_ID: required with ENTRA_AUTHORITY/)
  t.match(proc.stderr(), /ENTRA_CLIENT_SECRET: set ENTRA_CLIENT_SECRET or ENTRA_CLIENT_CERTIFICATE_KEY/)
})

t.test("embedded: a service's own setting is checked by that service's schema", async (t) => {
  const proc = spawnEmbedded({ ports: await freePorts(), env: { TOOLS_ALLOW: 'noSuchTool' } })
  t.teardown(() => void proc.child.kill('SIGKILL'))
  t.equal(await proc.exited, 1, 'exit code 1')
  t.match(proc.stderr(), /Invalid configuration for tools:\n\s+- TOOLS_ALLOW:/)
})
