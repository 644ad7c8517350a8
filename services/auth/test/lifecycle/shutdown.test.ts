// SIGTERM on a real auth process: readiness fails, a request in flight (a client registration whose
// body is still arriving) gets its answer, Redis closes last, exit 0.
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CONTOSO, startEmulator } from '@m365mcp/entra-emulator'
import {
  cleanupPrefix,
  createTestRedisClient,
  freePort,
  getTestRedis,
  logMessages,
  startServerProcess,
  uniquePrefix,
} from '@m365mcp/testing'
import pino from 'pino'
import t from 'tap'

t.test('shutdown: on SIGTERM /readyz fails, a request in flight completes, then exit 0', async (t) => {
  const teardown = (fn: () => Promise<void> | void) => t.teardown(fn)
  const port = await freePort()
  const publicUrl = `http://localhost:${port}`
  const url = `http://127.0.0.1:${port}`
  const clientId = randomUUID()
  const emulator = await startEmulator({
    port: 0,
    graphPort: 0,
    logger: pino({ level: 'silent' }),
    clients: [
      {
        clientId,
        clientSecret: 'lifecycle-entra-secret',
        tenantId: CONTOSO.id,
        redirectUris: [`${publicUrl}/callback`],
        permissions: ['User.Read'],
      },
    ],
  })
  teardown(() => emulator.close())
  const caFile = join(await mkdtemp(join(tmpdir(), 'auth-lifecycle-')), 'emulator-ca.pem')
  await writeFile(caFile, emulator.caPem)
  const redis = await getTestRedis()
  const prefix = uniquePrefix('auth-shutdown')
  const client = createTestRedisClient(redis.url)
  t.teardown(async () => {
    await cleanupPrefix(client, prefix)
    client.disconnect()
  })

  const auth = await startServerProcess(teardown, {
    script: 'services/auth/dist/server.js',
    env: {
      PUBLIC_URL: publicUrl,
      AUTH_HOST: '127.0.0.1',
      AUTH_PORT: String(port),
      AUTH_INTERNAL_PORT: String(await freePort()),
      INTERNAL_API_SECRET: randomBytes(32).toString('base64url'),
      TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      COOKIE_SECRETS: randomBytes(32).toString('base64url'),
      ENTRA_AUTHORITY: emulator.issuer(CONTOSO.id),
      ENTRA_CLIENT_ID: clientId,
      ENTRA_CLIENT_SECRET: 'lifecycle-entra-secret',
      ENTRA_ALLOW_INSECURE_LOOPBACK: 'true',
      ENTRA_CA_FILE: caFile,
      GRAPH_BASE_URL: emulator.graphBaseUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      SHUTDOWN_TIMEOUT: '8s',
      METRICS_ENABLED: 'false',
      LOG_LEVEL: 'info',
    },
    readyUrl: `${url}/readyz`,
  })

  // A registration whose headers are in and whose body is still coming (held by this test).
  const body = JSON.stringify({
    client_name: 'lifecycle test',
    redirect_uris: ['http://127.0.0.1:7777/callback'],
    token_endpoint_auth_method: 'none',
  })
  const inFlight = httpRequest(`${url}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
  })
  const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
    inFlight.on('response', (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
    })
    inFlight.on('error', reject)
  })
  inFlight.write(body.slice(0, 10))
  await new Promise((resolve) => setTimeout(resolve, 300))

  auth.child.kill('SIGTERM')
  await new Promise((resolve) => setTimeout(resolve, 200))
  const probe = await fetch(`${url}/readyz`).then(
    (res) => res.status,
    () => 'refused',
  )
  t.ok(probe === 503 || probe === 'refused', `/readyz no longer ready (${probe})`)

  inFlight.end(body.slice(10))
  const reply = await answered
  t.equal(reply.status, 201, 'the request in flight got its answer')
  t.match(JSON.parse(reply.text), { client_id: String })

  t.equal(await auth.exited, 0, 'exit 0')
  const messages = logMessages(auth.output())
  const at = (msg: string) => messages.indexOf(msg)
  t.ok(at('shutdown: started, readiness now fails') >= 0, 'each phase is logged')
  t.ok(at('shutdown: stop accepting, finish requests in flight') < at('shutdown: close the store'))
  t.ok(at('shutdown: done') > at('shutdown: close the store'), 'the store closes last')
})
