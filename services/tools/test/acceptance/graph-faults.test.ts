// Acceptance (issue 4): faults injected at the emulator reach the model as the documented, curated
// tool results (src/graph/graph-errors.ts), never as raw upstream text; an Entra refresh that ends
// the sign-in makes the next /mcp request a 401 `invalid_token` so the client signs in again
// (src/http/caller-resolver.ts). The Entra access tokens live 60 s here, under the auth service's
// 2-minute refresh margin, so every token exchange refreshes with Entra and a refresh fault bites.
import type { FaultRegistry } from '@m365mcp/entra-emulator'
import t, { type Test } from 'tap'
import { getUserProfile, listMessages } from '../../src/tools/index.js'
import { startStack, type Stack } from '../support/stack.js'
import { expectResult } from './support/expect-result.js'
import { leaks } from './support/forbidden-text.js'
import { challengeParam, postMcp } from './support/raw-mcp.js'
import { connectV1, type V1Connection } from './support/sdk-v1-connect.js'
import { resultText, type ToolOutcome } from './support/tool-call.js'

let stack: Stack
let v1: V1Connection
let userId: string
t.before(async () => {
  // GRAPH_MAX_RETRY_DELAY is 2 s in the stack: a longer Retry-After is reported, not waited for.
  stack = await startStack((fn) => t.teardown(fn), { emulator: { accessTokenTtlSeconds: 60 } })
  const username = stack.demoUsername(0)
  userId = stack.emulator.seed.users.find((u) => u.userPrincipalName === username)?.id ?? ''
  const user = await stack.signIn({ username })
  v1 = await connectV1(
    stack.replicas.map((r) => r.url),
    user.accessToken,
  )
  t.teardown(() => v1.client.close())
})
t.afterEach(() => stack.emulator.faults.clear())

function expectToolError(t: Test, outcome: ToolOutcome, pattern: RegExp): string {
  const text = resultText(outcome)
  t.equal(outcome.isError, true, 'isError')
  t.equal(outcome.structuredContent, undefined, 'no structuredContent on an error')
  t.match(text, pattern)
  t.same(leaks(text), [], `no URL, Graph host, request id, token or trace in "${text}"`)
  return text
}

t.test('faults: Graph 429 with Retry-After beyond the cap is reported with the time to retry', async (t) => {
  stack.emulator.faults.add({ target: 'graph:/me', kind: 'throttle', retryAfter: 7, userId })
  const outcome = await v1.call('getUserProfile', {})
  expectToolError(t, outcome, /throttling requests for this user\. Retry in about 7 seconds\./)
  t.equal(stack.emulator.faults.list()[0]?.hits, 1, 'not retried: one Graph request')
})

t.test('faults: Graph 429 with a short Retry-After is retried and the call succeeds', async (t) => {
  stack.emulator.faults.add({ target: 'graph:/me', kind: 'throttle', retryAfter: 1, userId, times: 1 })
  const { structured } = await expectResult(t, v1.call, getUserProfile, {})
  t.equal(structured.id, userId)
  t.same(stack.emulator.faults.list(), [], 'the throttle was hit (and retired) before the success')
})

t.test('faults: Graph 503 on every try is reported as temporarily unavailable', async (t) => {
  stack.emulator.faults.add({ target: 'graph:/me/messages', kind: 'unavailable', retryAfter: 1, userId })
  const outcome = await v1.call('listMessages', { pageSize: 3 })
  expectToolError(
    t,
    outcome,
    /^Microsoft 365 is not answering right now\. Retry (shortly|in about \d+ seconds)\.$/,
  )
  t.ok((stack.emulator.faults.list()[0]?.hits ?? 0) > 1, 'retried before giving up')
  stack.emulator.faults.clear()
  const after = await expectResult(t, v1.call, listMessages, { pageSize: 3 })
  t.equal(after.structured.items.length, 3, 'works again once Graph answers')
})

t.test('faults: Graph 403 names the missing permission and that an admin may need to consent', async (t) => {
  stack.emulator.faults.add({ target: 'graph:/me/messages', kind: 'access_denied', userId, times: 1 })
  const outcome = await v1.call('listMessages', { pageSize: 3 })
  const text = expectToolError(t, outcome, /Mail\.ReadBasic, Mail\.Read, Mail\.ReadWrite/)
  t.match(text, /administrator/i, 'says an admin may need to grant consent')
  t.equal(stack.emulator.faults.list().length, 0, 'a 403 is not retried: the one hit retired the rule')
})

t.test('faults: Graph 401 (expired token) asks the user to sign in again', async (t) => {
  stack.emulator.faults.add({ target: 'graph:/me', kind: 'expired_token', userId })
  const outcome = await v1.call('getUserProfile', {})
  expectToolError(t, outcome, /sign in again/)
})

t.test(
  'faults: Entra refresh invalid_grant ends the grant: the next /mcp request is 401 invalid_token',
  async (t) => {
    const other = stack.demoUsername(1)
    const otherId = stack.emulator.seed.users.find((u) => u.userPrincipalName === other)?.id ?? ''
    const user = await stack.signIn({ username: other })
    const before = await postMcp(stack.replicas[0]!.url, user.accessToken)
    t.equal(before.status, 200, 'served while Entra refreshes succeed')
    await before.arrayBuffer()
    const refreshes = stack.emulator.stats().byGrantType.refresh_token ?? 0
    stack.emulator.faults.add({ target: 'token:refresh_token', kind: 'invalid_grant', userId: otherId })
    for (const replica of stack.replicas) {
      const refused = await postMcp(replica.url, user.accessToken)
      await refused.arrayBuffer()
      t.equal(refused.status, 401)
      const challenge = refused.headers.get('www-authenticate') ?? ''
      t.equal(challengeParam(challenge, 'error'), 'invalid_token')
      t.equal(
        challengeParam(challenge, 'resource_metadata'),
        `${stack.publicUrl}/.well-known/oauth-protected-resource/mcp`,
      )
    }
    t.ok((stack.emulator.stats().byGrantType.refresh_token ?? 0) > refreshes, 'the exchange did ask Entra')
    stack.emulator.faults.clear()
    const still = await postMcp(stack.replicas[1]!.url, user.accessToken)
    await still.arrayBuffer()
    t.equal(still.status, 401, 'the grant stays revoked once Entra recovers: the client must sign in again')
  },
)

/** A demo user's object id, signed in for /mcp. */
async function signInDemo(index: number) {
  const username = stack.demoUsername(index)
  const id = stack.emulator.seed.users.find((u) => u.userPrincipalName === username)?.id ?? ''
  return { id, user: await stack.signIn({ username }) }
}

/** The JSON-RPC `result` of a POST answer, sent as a JSON body or as SSE `data:` lines. */
function rpcResult(text: string): unknown {
  const chunks = text.trimStart().startsWith('{')
    ? [text]
    : text
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5))
  for (const chunk of chunks) {
    const message = JSON.parse(chunk) as { result?: unknown }
    if (message.result !== undefined) return message.result
  }
  return undefined
}

const toolsCall = (name: string, args: Record<string, unknown> = {}, id = 1) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name, arguments: args },
})

t.test(
  'faults: invalid_grant while the Entra token is expired, then tools/call: 401 invalid_token, no tool runs',
  async (t) => {
    const { id, user } = await signInDemo(2)
    const served = await postMcp(stack.replicas[0]!.url, user.accessToken, toolsCall('add', { a: 1, b: 2 }))
    t.equal(served.status, 200, 'a tools/call is served while Entra refreshes succeed')
    t.match(rpcResult(await served.text()), { structuredContent: { sum: 3 } })
    // Entra's access token of this grant lives 60 s, under the auth service's 2-minute margin: it is
    // "expired" for the exchange, so the next call must refresh, and the refresh token is dead.
    stack.emulator.faults.add({ target: 'token:refresh_token', kind: 'invalid_grant', userId: id })
    const graphHits = stack.emulator.faults.add({ target: 'graph:*', kind: 'unavailable', userId: id })
    for (const [i, replica] of stack.replicas.entries()) {
      for (const [name, args] of [
        ['getUserProfile', {}],
        ['add', { a: 1, b: 2 }],
      ] as const) {
        const refused = await postMcp(replica.url, user.accessToken, toolsCall(name, args))
        const body = await refused.text()
        t.equal(refused.status, 401, `replica ${i}, ${name}: 401`)
        t.notMatch(body, /"result"/, 'no tool result')
        const challenge = refused.headers.get('www-authenticate') ?? ''
        t.equal(challengeParam(challenge, 'error'), 'invalid_token')
        t.equal(
          challengeParam(challenge, 'resource_metadata'),
          `${stack.publicUrl}/.well-known/oauth-protected-resource/mcp`,
        )
      }
    }
    t.equal(
      stack.emulator.faults.list().find((rule) => rule.id === graphHits.id)?.hits,
      0,
      'Graph was never called with the dead grant',
    )
  },
)

t.test(
  'faults: the grant dies while a tools/call is in flight: the tool result says to sign in again',
  async (t) => {
    // Every tools/call exchanges twice (60 s Entra tokens are never cached): once when the request
    // is authenticated (src/http/caller-resolver.ts), once when the tool asks for its Graph token.
    // The refresh fault is armed as the first of those refreshes goes by, so the request is
    // admitted and the tool's own exchange meets AADSTS700082: the grant ends mid-call.
    const { id, user } = await signInDemo(3)
    const faults: FaultRegistry = stack.emulator.faults
    const take = faults.take.bind(faults)
    let admitted = 0
    faults.take = (target, userId) => {
      const rule = take(target, userId)
      if (target === 'token:refresh_token' && userId === id && admitted++ === 0)
        faults.add({ target: 'token:refresh_token', kind: 'invalid_grant', userId: id })
      return rule
    }
    t.teardown(() => {
      faults.take = take
    })
    const answer = await postMcp(stack.replicas[1]!.url, user.accessToken, toolsCall('getUserProfile'))
    t.equal(answer.status, 200, 'the request was admitted')
    const result = rpcResult(await answer.text()) as { isError?: boolean; content?: Array<{ text?: string }> }
    t.equal(result.isError, true, 'a tool error result')
    t.equal(
      result.content?.[0]?.text,
      'The Microsoft 365 sign-in of this user has ended. The user needs to sign in again.',
      'the documented text (docs/troubleshooting.md, AADSTS700082)',
    )
    t.same(leaks(result.content?.[0]?.text ?? ''), [])
    t.equal(admitted, 2, 'two refreshes: the admission, then the tool')
    faults.take = take
    stack.emulator.faults.clear()
    const next = await postMcp(stack.replicas[0]!.url, user.accessToken, toolsCall('add', { a: 1, b: 1 }))
    await next.arrayBuffer()
    t.equal(next.status, 401, 'the next request is refused: the client signs in again')
    t.equal(challengeParam(next.headers.get('www-authenticate') ?? '', 'error'), 'invalid_token')
  },
)
