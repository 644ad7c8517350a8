// Acceptance: a grant revoked at the auth service (RFC 7009 /revoke of the refresh token) stops
// working on every tools replica at once: the grant-revoked pub/sub drops each replica's cached
// Graph token, and the next /mcp request is refused with an RFC 6750 `invalid_token` challenge so
// the client signs in again (src/http/caller-resolver.ts, src/graph/grant-revocations.ts).
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { startStack, type Stack } from '../support/stack.js'
import { challengeParam, postMcp } from './support/raw-mcp.js'

let stack: Stack
t.before(async () => {
  stack = await startStack((fn) => t.teardown(fn))
})

async function revoke(token: string, clientId: string): Promise<number> {
  const response = await fetch(`${stack.publicUrl}/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, token_type_hint: 'refresh_token', client_id: clientId }).toString(),
  })
  await response.arrayBuffer()
  return response.status
}

/** The replica's answer once it has heard of the revocation (pub/sub is asynchronous; bounded wait). */
async function firstRefusal(url: string, token: string): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await postMcp(url, token)
    if (response.status === 401 || attempt === 40) return response
    await response.arrayBuffer()
    await sleep(50)
  }
}

t.test(
  'revocation: after /revoke of the refresh token both replicas answer 401 invalid_token (RFC 7009 §2.1)',
  async (t) => {
    const user = await stack.signIn()
    for (const replica of stack.replicas) {
      const warm = await postMcp(replica.url, user.accessToken)
      t.equal(warm.status, 200, 'serves the grant before the revocation (and caches its Graph token)')
      await warm.arrayBuffer()
    }
    t.equal(await revoke(user.refreshToken, user.clientId), 200)
    for (const [i, replica] of stack.replicas.entries()) {
      const refused = await firstRefusal(replica.url, user.accessToken)
      t.equal(refused.status, 401, `replica ${i} refuses the revoked grant`)
      const challenge = refused.headers.get('www-authenticate') ?? ''
      t.match(challenge, /^Bearer /)
      t.equal(challengeParam(challenge, 'error'), 'invalid_token')
      t.equal(
        challengeParam(challenge, 'resource_metadata'),
        `${stack.publicUrl}/.well-known/oauth-protected-resource/mcp`,
      )
    }
  },
)

t.test('revocation: a revoked grant does not affect another grant of the same user', async (t) => {
  const kept = await stack.signIn()
  const gone = await stack.signIn()
  t.not(kept.grantId, gone.grantId)
  t.equal(await revoke(gone.refreshToken, gone.clientId), 200)
  t.equal((await firstRefusal(stack.replicas[0]!.url, gone.accessToken)).status, 401)
  const still = await postMcp(stack.replicas[1]!.url, kept.accessToken)
  t.equal(still.status, 200)
  await still.arrayBuffer()
})

t.test('revocation: no token gets 401 with resource_metadata and no error (RFC 6750 §3.1)', async (t) => {
  for (const replica of stack.replicas) {
    const response = await postMcp(replica.url, undefined)
    await response.arrayBuffer()
    t.equal(response.status, 401)
    const challenge = response.headers.get('www-authenticate') ?? ''
    t.equal(
      challengeParam(challenge, 'resource_metadata'),
      `${stack.publicUrl}/.well-known/oauth-protected-resource/mcp`,
    )
    t.equal(challengeParam(challenge, 'error'), undefined, 'no error= without a token')
  }
})

t.test('revocation: a token issued for /sse is refused on /mcp (audience, RFC 8707)', async (t) => {
  const sse = await stack.signIn({ path: '/sse' })
  const response = await postMcp(stack.replicas[0]!.url, sse.accessToken)
  await response.arrayBuffer()
  t.equal(response.status, 401)
  t.equal(challengeParam(response.headers.get('www-authenticate') ?? '', 'error'), 'invalid_token')
})
