import t from 'tap'
import { z } from 'zod'
import { formatConfigError, loadConfig, loadConfigOrExit, port, url, ConfigError } from '../src/index.js'

const schema = z.object({
  PORT: port().default(8080).describe('Listen port.'),
  PUBLIC_URL: url().describe('Public origin.'),
})

class Exited extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`)
  }
}

function harness() {
  const written: string[] = []
  return {
    written,
    stderr: { write: (text: string) => written.push(text) },
    exit: (code: number): never => {
      throw new Exited(code)
    },
  }
}

t.test('loadConfigOrExit: prints every bad key for the service and exits 1', async (t) => {
  const { written, stderr, exit } = harness()
  t.throws(() => loadConfigOrExit(schema, { PORT: '0' }, { service: 'gateway', stderr, exit }), { code: 1 })
  t.equal(
    written.join(''),
    'Invalid configuration for gateway:\n  - PORT: must be an integer between 1 and 65535 (got "0")\n  - PUBLIC_URL: required\n',
  )
})

t.test('loadConfigOrExit: returns the config without writing when it is valid', async (t) => {
  const { written, stderr, exit } = harness()
  const config = loadConfigOrExit(
    schema,
    { PUBLIC_URL: 'https://a.example' },
    { service: 'auth', stderr, exit },
  )
  t.same(config, { PORT: 8080, PUBLIC_URL: 'https://a.example' })
  t.same(written, [])
})

t.test('formatConfigError: without a service it matches the error message', async (t) => {
  try {
    loadConfig(schema, {})
    t.fail('expected a ConfigError')
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    t.equal(formatConfigError(error), error.message)
  }
})
