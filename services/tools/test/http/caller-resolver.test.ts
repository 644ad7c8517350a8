// Caller resolution at /mcp (src/http/caller-resolver.ts; ATTACKS.md F.42): a token whose grant was
// revoked is answered exactly like an invalid token, a 401 with the RFC 6750 challenge, on every
// replica, so the client signs in again; other users' grants are untouched.
import t from 'tap'
import { startStack } from '../support/stack.js'
import { initialize, rawMcp } from '../transport/support/raw-mcp.js'

const settle = async (probe: () => Promise<number>, want: number): Promise<number> => {
  // The revocation reaches each replica through the auth service's grant-revoked event (Redis
  // pub/sub): poll briefly instead of assuming it has already arrived.
  let status = await probe()
  for (let attempt = 0; status !== want && attempt < 50; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    status = await probe()
  }
  return status
}

t.test('a revoked grant is refused like an invalid token, on every replica (ATTACKS F.42)', async (t) => {
  const stack = await startStack((fn) => t.teardown(fn), { replicas: 2 })
  const [alice, bob] = await Promise.all([
    stack.signIn({ username: stack.demoUsername(0) }),
    stack.signIn({ username: stack.demoUsername(1) }),
  ])
  const status = (replica: number, token: string) =>
    rawMcp(`${stack.replicas[replica]?.url ?? ''}/mcp`, { token, body: initialize('2025-11-25') }).then(
      (answer) => answer.status,
    )
  for (const replica of [0, 1]) {
    t.equal(await status(replica, alice.accessToken), 200, `alice served on replica ${replica}`)
    t.equal(await status(replica, bob.accessToken), 200, `bob served on replica ${replica}`)
  }

  const revoked = await fetch(`${stack.publicUrl}/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: alice.refreshToken, client_id: alice.clientId }).toString(),
  })
  t.equal(revoked.status, 200, 'the client revokes its refresh token, and with it the grant (RFC 7009 §2.1)')

  for (const replica of [0, 1]) {
    t.equal(
      await settle(() => status(replica, alice.accessToken), 401),
      401,
      `alice refused on replica ${replica}`,
    )
    const answer = await rawMcp(`${stack.replicas[replica]?.url ?? ''}/mcp`, {
      token: alice.accessToken,
      body: initialize('2025-11-25'),
    })
    const challenge = answer.headers.get('www-authenticate') ?? ''
    t.match(challenge, `resource_metadata="${stack.publicUrl}/.well-known/oauth-protected-resource/mcp"`)
    t.match(challenge, 'error="invalid_token"', 'the same answer as an invalid token')
    t.notOk(
      answer.messages.some((message) => 'result' in message),
      'nothing served',
    )
    t.equal(await status(replica, bob.accessToken), 200, `bob still served on replica ${replica}`)
  }
})
