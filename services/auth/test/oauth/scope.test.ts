import t from 'tap'
import { createScopePolicy, formatScope, parseScope } from '../../src/oauth/scope.js'
import { throwsOAuthError } from './throws-oauth-error.js'

const policy = createScopePolicy()

t.test('scope: parsing splits on spaces, drops repeats and keeps order (RFC 6749 §3.3)', async (t) => {
  t.same(parseScope('mcp offline_access mcp'), ['mcp', 'offline_access'])
  t.same(parseScope('  mcp   x  '), ['mcp', 'x'], 'runs of spaces tolerated')
  t.same(parseScope(''), [])
  t.equal(formatScope(['a', 'b']), 'a b')
})

t.test('scope: tokens outside the RFC 6749 §3.3 character set are invalid_scope', async (t) => {
  for (const raw of ['mcp\tx', 'mcp\nx', 'a"b', 'a\\b', 'é', 'mcp\u00a0x']) {
    throwsOAuthError(t, () => parseScope(raw), 'invalid_scope', JSON.stringify(raw))
  }
})

t.test('scope: the default supported scope is mcp, granted when none is asked', async (t) => {
  t.same(policy.supported, ['mcp'])
  t.same(policy.resolve(undefined), ['mcp'])
  t.same(policy.resolve(''), ['mcp'])
  t.same(policy.resolve('mcp'), ['mcp'])
})

t.test('scope: offline_access is accepted and ignored (refresh tokens are always issued)', async (t) => {
  t.same(policy.resolve('mcp offline_access'), ['mcp'])
  t.same(policy.resolve('offline_access'), ['mcp'], 'alone → the default')
})

t.test('scope: unknown scopes are invalid_scope (RFC 6749 §4.1.2.1)', async (t) => {
  throwsOAuthError(t, () => policy.resolve('mcp admin'), 'invalid_scope', 'mcp admin')
  throwsOAuthError(t, () => policy.resolve('User.Read'), 'invalid_scope', 'a Graph scope')
  throwsOAuthError(t, () => policy.resolve('MCP'), 'invalid_scope', 'case differs')
})

t.test('D31: a refresh may narrow the granted scope, never widen it (RFC 6749 §6)', async (t) => {
  const wide = createScopePolicy({ supported: ['mcp', 'mcp:write'] })
  const granted = ['mcp']
  t.same(wide.narrow(undefined, granted), granted, 'omitted → as granted')
  t.same(wide.narrow('mcp offline_access', granted), ['mcp'])
  t.same(wide.narrow('offline_access', granted), granted)
  throwsOAuthError(t, () => wide.narrow('mcp mcp:write', granted), 'invalid_scope', 'broader')
  throwsOAuthError(t, () => wide.narrow('other', granted), 'invalid_scope', 'unrelated')
  t.same(wide.narrow('mcp', ['mcp', 'mcp:write']), ['mcp'], 'narrower')
})

t.test('scope: configured scopes and defaults are checked at start', async (t) => {
  const custom = createScopePolicy({ supported: ['mcp', 'mcp:write'], defaults: ['mcp'] })
  t.same(custom.resolve(undefined), ['mcp'])
  t.same(custom.resolve('mcp:write'), ['mcp:write'])
  t.throws(() => createScopePolicy({ supported: ['mcp'], defaults: ['other'] }), TypeError)
  t.throws(() => createScopePolicy({ supported: ['bad scope'] }), TypeError)
  t.throws(() => createScopePolicy({ supported: [] }), TypeError)
})
