// The wiring between the in-process services: every listener on loopback, every service's
// PUBLIC_URL the gateway's origin, the tools reached only through the gateway, the emulator's
// settings replacing Entra's, and the services' own settings passed through unchanged.
import { loadConfig } from '@m365mcp/config'
import t from 'tap'
import { configSchema } from '../src/config.js'
import { resolveSecrets } from '../src/secrets.js'
import { emulatorEnv, serviceEnvs } from '../src/service-env.js'

const env = { GATEWAY_PORT: '9100', AUTH_PORT: '9101', TOOLS_PORT: '9103', ENTRA_GRAPH_SCOPES: 'User.Read' }
const config = loadConfig(configSchema, env)
const emulator = {
  authority: 'http://localhost:9104/tenant/v2.0',
  graphBaseUrl: 'https://localhost:9105/v1.0',
  caFile: '/tmp/ca.pem',
  clientId: 'client',
  clientSecret: 'secret-value',
}

t.test('service env: loopback wiring behind one public origin', async (t) => {
  const envs = serviceEnvs({ env, config, secrets: resolveSecrets(config), emulator })
  for (const service of ['auth', 'tools', 'gateway'] as const)
    t.equal(envs[service].PUBLIC_URL, 'http://localhost:9100', `${service}: PUBLIC_URL is the gateway`)
  t.match(envs.auth, { AUTH_HOST: '127.0.0.1', AUTH_PORT: '9101', AUTH_INTERNAL_HOST: '127.0.0.1' })
  t.match(envs.tools, { TOOLS_HOST: '127.0.0.1', AUTH_INTERNAL_URL: 'http://127.0.0.1:8792' })
  t.match(envs.gateway, { AUTH_UPSTREAM: 'http://127.0.0.1:9101', TOOLS_UPSTREAMS: 'http://127.0.0.1:9103' })
  t.equal(envs.auth.INTERNAL_API_SECRET, envs.tools.INTERNAL_API_SECRET, 'one internal secret')
  t.equal(envs.auth.ENTRA_GRAPH_SCOPES, 'User.Read', "a service's own setting passes through")
})

t.test('service env: the emulator replaces the Entra settings (authority, CA, Graph)', async (t) => {
  const envs = serviceEnvs({ env, config, secrets: resolveSecrets(config), emulator })
  t.match(envs.auth, {
    ENTRA_AUTHORITY: emulator.authority,
    ENTRA_CLIENT_ID: 'client',
    ENTRA_ALLOW_INSECURE_LOOPBACK: 'true',
    ENTRA_CA_FILE: '/tmp/ca.pem',
    GRAPH_BASE_URL: emulator.graphBaseUrl,
  })
  t.match(envs.tools, { GRAPH_BASE_URL: emulator.graphBaseUrl, GRAPH_CA_FILE: '/tmp/ca.pem' })
  t.equal(emulatorEnv(env, config).EMULATOR_REDIRECT_URIS, 'http://localhost:9100/callback')
})

t.test('service env: with real Entra settings nothing is replaced', async (t) => {
  const real = {
    ...env,
    ENTRA_AUTHORITY: 'https://login.microsoftonline.com/4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f/v2.0',
    ENTRA_CLIENT_ID: '6f1e6d1a-3b9e-4c55-9a43-5d3f3c1b7e21',
    ENTRA_CLIENT_SECRET: 'a-real-secret',
  }
  const realConfig = loadConfig(configSchema, real)
  const envs = serviceEnvs({ env: real, config: realConfig, secrets: resolveSecrets(realConfig) })
  t.equal(envs.auth.ENTRA_AUTHORITY, real.ENTRA_AUTHORITY)
  t.equal(envs.auth.ENTRA_ALLOW_INSECURE_LOOPBACK, undefined, 'no insecure loopback authority')
  t.equal(envs.tools.GRAPH_CA_FILE, undefined)
})

t.test('secrets: random per start unless given', async (t) => {
  const a = resolveSecrets(config)
  const b = resolveSecrets(config)
  t.not(a.COOKIE_SECRETS, b.COOKIE_SECRETS, 'a new cookie key each start')
  const given = loadConfig(configSchema, { CURSOR_KEYS: 'k'.repeat(40) })
  t.equal(resolveSecrets(given).CURSOR_KEYS, 'k'.repeat(40), 'a given key is used')
})
