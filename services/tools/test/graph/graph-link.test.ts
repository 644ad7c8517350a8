// Only URLs under the configured Graph base URL pass, compared on the parsed URL.
import t from 'tap'
import { isGraphLink } from '../../src/graph/graph-link.js'

const BASE = 'https://localhost:8443/v1.0'

t.test('isGraphLink: under the base URL passes, anything else does not', async (t) => {
  t.ok(isGraphLink(`${BASE}/users?$skiptoken=abc`, BASE))
  t.ok(isGraphLink(`${BASE}/users`, `${BASE}/`))
  for (const link of [
    'https://localhost:8444/v1.0/users',
    'http://localhost:8443/v1.0/users',
    'https://localhost.evil.example:8443/v1.0/users',
    'https://evil.example/v1.0/users',
    'https://user:pw@localhost:8443/v1.0/users',
    'https://localhost:8443/v1.0',
    'https://localhost:8443/v1.01/users',
    'https://localhost:8443/beta/users',
    '/v1.0/users',
    'not a url',
  ]) {
    t.notOk(isGraphLink(link, BASE), link)
  }
})
