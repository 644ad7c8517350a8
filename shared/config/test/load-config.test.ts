import t from 'tap'
import { inspect } from 'node:util'
import { z } from 'zod'
import {
  ConfigError,
  bool,
  createSecret,
  duration,
  isSecret,
  loadConfig,
  port,
  secret,
  url,
} from '../src/index.js'

const schema = z.object({
  PORT: port().default(8788).describe('Listen port.'),
  PUBLIC_URL: url().describe('Public origin.'),
  SESSION_TTL: duration().default(600_000).describe('Session lifetime.'),
  READ_ONLY: bool().default(false).describe('Refuse write tools.'),
  CLIENT_SECRET: secret({ minLength: 16 }).optional().describe('Entra client secret.'),
})

function configError(fn: () => unknown): ConfigError {
  try {
    fn()
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

t.test('loadConfig: a config with two bad keys fails naming both keys in issues and message', async (t) => {
  const error = configError(() => loadConfig(schema, { PORT: '99999' }))
  t.same(
    error.issues.map((issue) => issue.key),
    ['PORT', 'PUBLIC_URL'],
  )
  t.same(error.issues, [
    { key: 'PORT', reason: 'must be an integer between 1 and 65535 (got "99999")' },
    { key: 'PUBLIC_URL', reason: 'required' },
  ])
  t.equal(
    error.message,
    'Invalid configuration:\n  - PORT: must be an integer between 1 and 65535 (got "99999")\n  - PUBLIC_URL: required',
  )
  t.equal(error.code, 'invalid_config')
})

t.test('loadConfig: every bad key is listed, in schema order', async (t) => {
  const error = configError(() =>
    loadConfig(schema, {
      READ_ONLY: 'maybe',
      SESSION_TTL: 'forever',
      PUBLIC_URL: 'ftp://example.com',
      PORT: 'http',
      CLIENT_SECRET: 'short',
    }),
  )
  t.same(
    error.issues.map((issue) => issue.key),
    ['PORT', 'PUBLIC_URL', 'SESSION_TTL', 'READ_ONLY', 'CLIENT_SECRET'],
  )
  for (const key of ['PORT', 'PUBLIC_URL', 'SESSION_TTL', 'READ_ONLY', 'CLIENT_SECRET']) {
    t.match(error.message, `  - ${key}: `)
  }
})

t.test('loadConfig: defaults apply and values are coerced to their types', async (t) => {
  const config = loadConfig(schema, { PUBLIC_URL: 'https://mcp.example.com/' })
  t.same(config, {
    PORT: 8788,
    PUBLIC_URL: 'https://mcp.example.com',
    SESSION_TTL: 600_000,
    READ_ONLY: false,
    CLIENT_SECRET: undefined,
  })
  const set = loadConfig(schema, { PUBLIC_URL: 'https://a.example', PORT: '9000', READ_ONLY: 'yes' })
  t.equal(set.PORT, 9000)
  t.equal(set.READ_ONLY, true)
})

t.test('loadConfig: an empty or blank value counts as unset', async (t) => {
  const config = loadConfig(schema, { PUBLIC_URL: 'https://a.example', PORT: '', SESSION_TTL: '  ' })
  t.equal(config.PORT, 8788)
  t.equal(config.SESSION_TTL, 600_000)
  const error = configError(() => loadConfig(schema, { PUBLIC_URL: '' }))
  t.same(error.issues, [{ key: 'PUBLIC_URL', reason: 'required' }])
})

t.test('loadConfig: reads only the schema keys and returns a frozen object', async (t) => {
  const config = loadConfig(schema, { PUBLIC_URL: 'https://a.example', UNRELATED: 'x', PATH: '/bin' })
  t.notOk('UNRELATED' in config)
  t.ok(Object.isFrozen(config))
})

t.test('loadConfig: secret values never appear in errors or in the loaded config output', async (t) => {
  const leaked = 'short-s3cret'
  const error = configError(() => loadConfig(schema, { CLIENT_SECRET: leaked }))
  t.same(error.issues, [
    { key: 'PUBLIC_URL', reason: 'required' },
    { key: 'CLIENT_SECRET', reason: 'must be at least 16 characters' },
  ])
  t.notMatch(error.message, leaked)
  t.notMatch(inspect(error, { depth: 10 }), leaked)
  t.notMatch(JSON.stringify(error), leaked)

  const value = 'a-long-enough-client-secret'
  const config = loadConfig(schema, { PUBLIC_URL: 'https://a.example', CLIENT_SECRET: value })
  t.equal(config.CLIENT_SECRET?.reveal(), value)
  t.notMatch(inspect(config), value)
  t.notMatch(JSON.stringify(config), value)
})

t.test(
  'loadConfig: values of credential-named keys and URL passwords are withheld from errors',
  async (t) => {
    const strict = z.object({
      API_TOKEN: z.string().min(40).describe('Token.'),
      REDIS_URL: url({ protocols: ['rediss:'] }).describe('Redis.'),
    })
    const error = configError(() =>
      loadConfig(strict, { API_TOKEN: 'tok-123', REDIS_URL: 'redis://user:hunter2@cache:6379' }),
    )
    t.notMatch(error.message, 'tok-123')
    t.notMatch(error.message, 'hunter2')
    t.match(error.message, 'REDIS_URL: must use rediss: (got "redis://***:***@cache:6379")')
  },
)

t.test('loadConfig: plain zod schemas and object-level refinements are reported too', async (t) => {
  const refined = z
    .object({
      MIN: z.string().regex(/^\d+$/).describe('Lower bound.'),
      MAX: z.string().regex(/^\d+$/).describe('Upper bound.'),
    })
    .refine((config) => Number(config.MIN) <= Number(config.MAX), { message: 'MIN must not exceed MAX' })
  t.match(configError(() => loadConfig(refined, { MIN: 'x', MAX: '1' })).issues, [{ key: 'MIN' }])
  t.same(configError(() => loadConfig(refined, { MIN: '5', MAX: '1' })).issues, [
    { key: '(config)', reason: 'MIN must not exceed MAX' },
  ])
})

t.test(
  'loadConfig: a secret default is given with .prefault(string) or .default(createSecret(…))',
  async (t) => {
    const defaults = z.object({
      A: secret({ minLength: 8 }).prefault('dev-only-secret-a').describe('A.'),
      B: secret().default(createSecret('dev-only-secret-b')).describe('B.'),
    })
    const config = loadConfig(defaults, {})
    t.ok(isSecret(config.A) && isSecret(config.B))
    t.equal(config.A.reveal(), 'dev-only-secret-a')
    t.equal(config.B.reveal(), 'dev-only-secret-b')
    t.equal(loadConfig(defaults, { A: 'from-the-environment' }).A.reveal(), 'from-the-environment')
  },
)
