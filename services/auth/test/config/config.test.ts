// The auth service's configuration schema: rules that must fail at start, naming the key.
import { randomBytes } from 'node:crypto'
import { ConfigError, loadConfig } from '@m365mcp/config'
import t from 'tap'
import { configSchema } from '../../src/config.js'

const BASE = {
  INTERNAL_API_SECRET: 'x'.repeat(40),
  TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  COOKIE_SECRETS: 'c'.repeat(40),
  ENTRA_AUTHORITY: 'https://login.microsoftonline.com/4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f/v2.0',
  ENTRA_CLIENT_ID: '6f1e6d1a-3b9e-4c55-9a43-5d3f3c1b7e21',
  ENTRA_CLIENT_CERTIFICATE_KEY: 'k'.repeat(80),
}

function failure(env: Record<string, string>): ConfigError | undefined {
  try {
    loadConfig(configSchema, env)
    return undefined
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
}

t.test('config: a certificate thumbprint is the hex SHA-1 or SHA-256 the admin center shows', async (t) => {
  for (const thumbprint of ['a'.repeat(40), 'AB'.repeat(32)]) {
    t.equal(failure({ ...BASE, ENTRA_CLIENT_CERTIFICATE_THUMBPRINT: thumbprint }), undefined, thumbprint)
  }
  for (const thumbprint of ['AB:CD:EF', 'q6vN7w', 'a'.repeat(41)]) {
    const error = failure({ ...BASE, ENTRA_CLIENT_CERTIFICATE_THUMBPRINT: thumbprint })
    t.match(error?.message, /ENTRA_CLIENT_CERTIFICATE_THUMBPRINT/, thumbprint)
  }
})
