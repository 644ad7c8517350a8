import t from 'tap'
import { createResourcePolicy } from '../../src/oauth/resource.js'
import { throwsOAuthError } from './throws-oauth-error.js'

const policy = createResourcePolicy({ publicUrl: 'https://mcp.example.com' })

t.test('resource: the server resources are /mcp then /sse on the public origin', async (t) => {
  t.same(policy.resources, ['https://mcp.example.com/mcp', 'https://mcp.example.com/sse'])
  t.equal(policy.defaultResource, 'https://mcp.example.com/mcp')
  t.equal(
    createResourcePolicy({ publicUrl: 'https://mcp.example.com/' }).defaultResource,
    'https://mcp.example.com/mcp',
  )
})

t.test('A9: a missing resource defaults to the /mcp resource', async (t) => {
  t.same(policy.resolve([]), ['https://mcp.example.com/mcp'])
})

t.test('A9: a listed resource is the audience, exactly as sent (RFC 8707 §2)', async (t) => {
  t.same(policy.resolve(['https://mcp.example.com/sse']), ['https://mcp.example.com/sse'])
  t.same(policy.resolve(['https://mcp.example.com/mcp']), ['https://mcp.example.com/mcp'])
})

t.test('A9: unknown or foreign resources are invalid_target', async (t) => {
  for (const value of [
    'https://evil.example/mcp',
    'https://mcp.example.com/',
    'https://mcp.example.com',
    'https://mcp.example.com/mcp/',
    'https://MCP.example.com/mcp',
    'https://mcp.example.com:443/mcp',
    'http://mcp.example.com/mcp',
    'https://mcp.example.com/mcp?x=1',
    'https://mcp.example.com.evil.example/mcp',
    'https://graph.microsoft.com',
  ]) {
    throwsOAuthError(t, () => policy.resolve([value]), 'invalid_target', value)
  }
})

t.test('A9: malformed resources (relative, fragment) are invalid_target (RFC 8707 §2)', async (t) => {
  throwsOAuthError(t, () => policy.resolve(['/mcp']), 'invalid_target', 'relative')
  throwsOAuthError(t, () => policy.resolve(['https://mcp.example.com/mcp#x']), 'invalid_target', 'fragment')
  throwsOAuthError(t, () => policy.resolve(['mcp']), 'invalid_target', 'not a URI')
})

t.test('A9: several resources are refused unless configured', async (t) => {
  const both = ['https://mcp.example.com/mcp', 'https://mcp.example.com/sse']
  throwsOAuthError(t, () => policy.resolve(both), 'invalid_target', 'two values')
  const multi = createResourcePolicy({ publicUrl: 'https://mcp.example.com', allowMultiple: true })
  t.same(multi.resolve(both), both)
  t.same(multi.resolve([both[0]!, both[0]!]), [both[0]], 'repeats collapse')
  throwsOAuthError(
    t,
    () => multi.resolve([both[0]!, 'https://evil.example/']),
    'invalid_target',
    'one foreign value',
  )
})

t.test(
  'D31: a refresh keeps the grant resource or narrows it, never another one (RFC 8707 §2.2)',
  async (t) => {
    const granted = ['https://mcp.example.com/mcp']
    t.same(policy.narrow([], granted), granted, 'omitted → the grant resource')
    t.same(policy.narrow(['https://mcp.example.com/mcp'], granted), granted)
    throwsOAuthError(
      t,
      () => policy.narrow(['https://mcp.example.com/sse'], granted),
      'invalid_target',
      'other own resource',
    )
    throwsOAuthError(t, () => policy.narrow(['https://evil.example/'], granted), 'invalid_target', 'foreign')
  },
)

t.test('resource: configuration errors are refused at start', async (t) => {
  t.throws(() => createResourcePolicy({ publicUrl: 'https://mcp.example.com/base' }), TypeError)
  t.throws(() => createResourcePolicy({ publicUrl: 'http://mcp.example.com' }), TypeError)
  t.throws(() => createResourcePolicy({ publicUrl: 'https://mcp.example.com', paths: [] }), TypeError)
  t.throws(() => createResourcePolicy({ publicUrl: 'https://mcp.example.com', paths: ['mcp'] }), TypeError)
  t.same(createResourcePolicy({ publicUrl: 'http://localhost:8788' }).resources, [
    'http://localhost:8788/mcp',
    'http://localhost:8788/sse',
  ])
})
