import t from 'tap'
import { url } from '../../src/index.js'

t.test('url: https and http by default, returned in one canonical spelling', async (t) => {
  t.equal(url().parse('https://mcp.example.com'), 'https://mcp.example.com')
  t.equal(url().parse(' HTTPS://MCP.Example.com:443/ '), 'https://mcp.example.com')
  t.equal(url().parse('http://localhost:8788/'), 'http://localhost:8788')
  t.equal(url().parse('https://example.com/base/'), 'https://example.com/base/')
  t.equal(url().parse('https://example.com/?a=1'), 'https://example.com/?a=1')
})

t.test('url: refuses other protocols, relative URLs and missing hosts with a reason', async (t) => {
  t.equal(url().safeParse('ftp://example.com').error?.issues[0]?.message, 'must use one of https:, http:')
  t.equal(url().safeParse('/relative').error?.issues[0]?.message, 'must be an absolute URL')
  t.equal(url().safeParse('example.com').error?.issues[0]?.message, 'must be an absolute URL')
  t.equal(
    url({ protocols: ['https:'] }).safeParse('http://example.com').error?.issues[0]?.message,
    'must use https:',
  )
  t.equal(url({ protocols: ['redis:'] }).safeParse('redis:').error?.issues[0]?.message, 'must include a host')
})

t.test('url: redis and rediss when asked for, credentials and database kept', async (t) => {
  const redis = url({ protocols: ['redis:', 'rediss:'] })
  t.equal(redis.parse('redis://127.0.0.1:6379'), 'redis://127.0.0.1:6379')
  t.equal(redis.parse('rediss://:p%40ss@cache.internal:6380/2'), 'rediss://:p%40ss@cache.internal:6380/2')
  t.notOk(redis.safeParse('https://cache.internal').success)
})
