import t from 'tap'
import { parsePublicOrigin } from '../../src/oauth/public-origin.js'

t.test('public origin: https origins and loopback http are accepted, trailing slash dropped', async (t) => {
  t.equal(parsePublicOrigin('https://mcp.example.com'), 'https://mcp.example.com')
  t.equal(parsePublicOrigin('https://mcp.example.com/'), 'https://mcp.example.com')
  t.equal(parsePublicOrigin('https://MCP.example.com:8443'), 'https://mcp.example.com:8443')
  t.equal(parsePublicOrigin('http://localhost:8788'), 'http://localhost:8788')
  t.equal(parsePublicOrigin('http://127.0.0.1:8788/'), 'http://127.0.0.1:8788')
})

t.test('public origin: anything an issuer may not be is a configuration error (RFC 8414 §2)', async (t) => {
  for (const value of [
    'mcp.example.com',
    'http://mcp.example.com',
    'https://mcp.example.com/base',
    'https://mcp.example.com/?x=1',
    'https://mcp.example.com/#x',
    'https://user@mcp.example.com',
    'ftp://mcp.example.com',
  ]) {
    t.throws(() => parsePublicOrigin(value), TypeError, value)
  }
})
