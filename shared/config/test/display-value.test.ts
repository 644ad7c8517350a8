import t from 'tap'
import { gotSuffix, isSensitiveKey } from '../src/display-value.js'

t.test('display value: rejected values are quoted, escaped and truncated', async (t) => {
  t.equal(gotSuffix('PORT', '99999', false), ' (got "99999")')
  t.equal(gotSuffix('NAME', 'a"b\n', false), ' (got "a\\"b\\n")')
  t.equal(gotSuffix('NAME', 'x'.repeat(200), false), ` (got "${'x'.repeat(80)}…")`)
  t.equal(gotSuffix('PORT', undefined, false), '')
})

t.test('display value: secrets and credential-named keys are never shown', async (t) => {
  t.equal(gotSuffix('ANYTHING', 'value', true), '')
  for (const key of [
    'CLIENT_SECRET',
    'DB_PASSWORD',
    'API_TOKEN',
    'ENCRYPTION_KEYS',
    'SIGNING_KEY',
    'APIKEY',
    'PRIVATE_PEM',
  ]) {
    t.ok(isSensitiveKey(key), key)
    t.equal(gotSuffix(key, 'value', false), '', key)
  }
  for (const key of ['PORT', 'PUBLIC_URL', 'KEYCLOAK_URL', 'MONKEY']) t.notOk(isSensitiveKey(key), key)
})

t.test('display value: URL credentials are masked', async (t) => {
  t.equal(
    gotSuffix('REDIS_URL', 'redis://:hunter2@cache:6379/0', false),
    ' (got "redis://:***@cache:6379/0")',
  )
  t.equal(
    gotSuffix('UPSTREAM', 'https://user:pw@example.com', false),
    ' (got "https://***:***@example.com/")',
  )
  t.equal(gotSuffix('UPSTREAM', 'not a url user:pw@host', false), ' (got "not a url ***@host")')
})
