import t from 'tap'
import { ConfigError, loadConfig } from '@m365mcp/config'
import { configSchema } from '../src/config.js'

t.test('config: the defaults start the demo emulator with nothing set', async (t) => {
  const config = loadConfig(configSchema, {})
  t.equal(config.EMULATOR_PORT, 8790)
  t.equal(config.EMULATOR_GRAPH_PORT, 8791)
  t.equal(config.EMULATOR_ADMIN_ENABLED, false, 'the admin API is off unless asked for')
  t.equal(config.EMULATOR_CLIENT_SECRET.reveal(), 'dev-client-secret')
  t.equal(config.EMULATOR_ACCESS_TOKEN_TTL, 3_600_000)
})

t.test('config: two bad keys fail at start with both keys named', async (t) => {
  const err = t.throws(() =>
    loadConfig(configSchema, { EMULATOR_PORT: '99999', EMULATOR_ADMIN_ENABLED: 'perhaps' }),
  ) as unknown
  t.ok(err instanceof ConfigError)
  const e = err as ConfigError
  t.same(
    e.issues.map((i) => i.key),
    ['EMULATOR_PORT', 'EMULATOR_ADMIN_ENABLED'],
  )
  t.match(e.message, /EMULATOR_PORT/)
  t.match(e.message, /EMULATOR_ADMIN_ENABLED/)
})

t.test('config: a short client secret is refused without echoing it', async (t) => {
  const err = t.throws(() => loadConfig(configSchema, { EMULATOR_CLIENT_SECRET: 'abc' })) as Error
  t.match(err.message, /EMULATOR_CLIENT_SECRET/)
  t.notMatch(err.message, /abc/)
})
