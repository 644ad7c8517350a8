import t from 'tap'
import { checkClientIdUrl, isClientIdUrl } from '../../src/clients/client-id-url.js'

t.test('Client Identifier URLs follow CIMD draft §3 and are taken only in normalised form', async (t) => {
  t.equal(checkClientIdUrl('https://claude.ai/oauth/claude-code-client-metadata').ok, true)
  t.equal(checkClientIdUrl('https://example.com:8443/client?v=1').ok, true, 'port and query are allowed')
  for (const bad of [
    'http://example.com/client',
    'https://example.com',
    'https://example.com/',
    'https://u:p@example.com/client',
    'https://example.com/client#',
    'https://example.com/a/./client',
    'https://example.com/a/../client',
    'https://example.com/%2E%2E/client',
    'https://example.com:443/client',
    'https://Example.com/client',
    `https://example.com/${'a'.repeat(2100)}`,
    'not a url',
  ]) {
    t.equal(checkClientIdUrl(bad).ok, false, bad)
  }
  t.equal(isClientIdUrl('https://example.com/client'), true)
  t.equal(isClientIdUrl('mcp_abc'), false)
})
