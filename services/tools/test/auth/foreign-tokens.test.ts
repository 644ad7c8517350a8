// Tokens that are real but not ours for /mcp, and credentials in the wrong place (ATTACKS.md F.40
// and F.41, at the tools service behind the gateway): a token for /sse (RFC 8707 audience), a raw
// Entra token (no passthrough), Basic credentials and `?access_token=` (RFC 6750 §2.1 only: the
// Authorization header), a 20 KB header. Each is refused with a challenge, never a 500.
import t, { type Test } from 'tap'
import { startStack } from '../support/stack.js'
import { initialize, rawMcp, type RawAnswer } from '../transport/support/raw-mcp.js'
import { rawEntraAccessToken } from './support/entra-token.js'

t.test('real tokens for something else, and credentials out of place, are refused at /mcp', async (t) => {
  const stack = await startStack((fn) => t.teardown(fn), { replicas: 1 })
  const base = stack.replicas[0]?.url ?? ''
  const url = `${base}/mcp`
  const metadata = `resource_metadata="${stack.publicUrl}/.well-known/oauth-protected-resource/mcp"`
  const [forMcp, forSse] = await Promise.all([stack.signIn(), stack.signIn({ path: '/sse' })])
  const challenged = (t: Test, answer: RawAnswer, what: string, error = true) => {
    t.equal(answer.status, 401, `${what}: 401`)
    const challenge = answer.headers.get('www-authenticate') ?? ''
    t.match(challenge, `Bearer ${metadata}`, `${what}: challenge points at the protected resource metadata`)
    if (error) t.match(challenge, 'error="invalid_token"', `${what}: invalid_token`)
    t.notOk(
      answer.messages.some((message) => 'result' in message),
      `${what}: nothing served`,
    )
  }

  await t.test('control: our token for /mcp is served', async (t) => {
    const answer = await rawMcp(url, { token: forMcp.accessToken, body: initialize('2025-11-25') })
    t.equal(answer.status, 200)
  })

  await t.test('our token for /sse, at /mcp (RFC 8707 audience)', async (t) => {
    challenged(
      t,
      await rawMcp(url, { token: forSse.accessToken, body: initialize('2025-11-25') }),
      '/sse token',
    )
  })

  await t.test('a raw Entra access token from the emulator (no token passthrough)', async (t) => {
    const entra = await rawEntraAccessToken(stack.emulator, stack.demoUsername(0))
    t.match(entra, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'a real Entra JWT')
    challenged(t, await rawMcp(url, { token: entra, body: initialize('2025-11-25') }), 'Entra token')
  })

  await t.test('Basic credentials, and a Bearer scheme with no token', async (t) => {
    for (const authorization of [
      `Basic ${Buffer.from(`${forMcp.clientId}:${forMcp.accessToken}`).toString('base64')}`,
      'Bearer',
      'Bearer ',
      `Bearer ${forMcp.accessToken} extra`,
      `Token ${forMcp.accessToken}`,
    ]) {
      const answer = await rawMcp(url, { headers: { authorization }, body: initialize('2025-11-25') })
      challenged(t, answer, authorization.slice(0, 12))
    }
  })

  await t.test('a valid token in ?access_token= is ignored (RFC 6750 §2.3 not supported)', async (t) => {
    const answer = await rawMcp(`${url}?access_token=${forMcp.accessToken}`, {
      body: initialize('2025-11-25'),
    })
    challenged(t, answer, 'query token', false)
    t.notMatch(answer.headers.get('www-authenticate') ?? '', 'error=', 'treated as no token at all')
  })

  await t.test('a 20 KB token: 401 or 431, never 500, and the replica stays healthy', async (t) => {
    const huge = `${'a'.repeat(20_000)}.${'b'.repeat(10)}.${'c'.repeat(10)}`
    const answer = await rawMcp(url, { token: huge, body: initialize('2025-11-25') })
    t.ok([401, 431].includes(answer.status), `answered ${answer.status}`)
    const justUnderHeaderLimit = `${'a'.repeat(9_000)}.b.c`
    challenged(
      t,
      await rawMcp(url, { token: justUnderHeaderLimit, body: initialize('2025-11-25') }),
      '9 KB token',
    )
    t.equal((await fetch(`${base}/healthz`)).status, 200)
    t.equal((await rawMcp(url, { token: forMcp.accessToken, body: initialize('2025-11-25') })).status, 200)
  })
})
