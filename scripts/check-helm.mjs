#!/usr/bin/env node
// Validates the Helm chart deploy/helm/m365-mcp offline (CI has no helm, no cluster, no internet):
//   1. values.yaml, and each ci/*.yaml merged over it, against values.schema.json (Ajv, draft-07);
//      the schema's list of settings each service's `config` may pass must be exactly the
//      service's config keys minus those the chart sets itself (read from services/*/dist);
//   2. renders the templates for each ci values file with scripts/helm-render (Go's text/template,
//      Helm's engine) and checks the objects: shape, names, labels, ports, env, references between
//      objects, the hardening (helm-render/manifest-rules.mjs); the topology: listener ports, the
//      upstream URLs, the NetworkPolicy matrix (helm-render/wiring-rules.mjs); that the environment
//      each Deployment gets passes its service's config schema, as the service parses it at start;
//      and that the defaults alone are refused with the `required` messages;
//   3. `kubectl set env --local` (decodes every built-in object into its typed API struct, offline)
//      when kubectl is installed, and `helm lint` / `helm template` when helm is.
// Exits 1 on any problem. Without Go it says so and exits 1, unless --allow-missing-go.
// Build first (`npm run build`): the config schemas are read from the compiled services.
import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { checkManifests } from './helm-render/manifest-rules.mjs'
import { checkWiring } from './helm-render/wiring-rules.mjs'
import {
  GoMissingError,
  chartDir,
  ciValuesFiles,
  loadChart,
  mergeValues,
  parseManifests,
  readValuesFile,
  renderChart,
  repoRoot,
  toYamlStream,
  validateValues,
} from './helm-render/render.mjs'

const allowMissingGo = process.argv.includes('--allow-missing-go')
const problems = []
const problem = (where, message) => problems.push(`${where}: ${message}`)
const log = (line) => console.log(`check-helm: ${line}`)
const rel = (file) => relative(repoRoot, file)

// Set from the chart's `tracing` values in every component (OTEL_SERVICE_NAME stays passable).
const TRACING = 'TRACING_ENABLED OTEL_EXPORTER_OTLP_ENDPOINT OTEL_TRACES_SAMPLER_ARG'
// Settings the chart sets itself (wiring, secrets, shared values): `<component>.config` may not.
// REPLICA_ID must stay unset: its default (host name, pid, random) is unique per Pod.
const MANAGED = {
  gateway: `PUBLIC_URL GATEWAY_HOST GATEWAY_PORT AUTH_UPSTREAM AUTH_JWKS_URL TOOLS_UPSTREAMS
    TOOLS_UPSTREAM_DNS TRUST_PROXY ALLOWED_ORIGINS REDIS_URL REDIS_PREFIX LOG_LEVEL METRICS_ENABLED
    METRICS_HOST METRICS_PORT SHUTDOWN_TIMEOUT ${TRACING}`,
  auth: `PUBLIC_URL AUTH_HOST AUTH_PORT AUTH_INTERNAL_HOST AUTH_INTERNAL_PORT INTERNAL_API_SECRET
    REDIS_URL REDIS_PREFIX TOKEN_ENCRYPTION_KEYS COOKIE_SECRETS ENTRA_AUTHORITY ENTRA_CLIENT_ID
    ENTRA_CLIENT_SECRET ENTRA_CLIENT_CERTIFICATE_KEY ENTRA_CLIENT_CERTIFICATE_THUMBPRINT
    ENTRA_GRAPH_SCOPES ENTRA_ALLOWED_TENANTS ENTRA_CA_FILE TRUST_PROXY LOG_LEVEL METRICS_ENABLED
    METRICS_HOST METRICS_PORT SHUTDOWN_TIMEOUT ${TRACING}`,
  tools: `PUBLIC_URL TOOLS_HOST TOOLS_PORT AUTH_JWKS_URL AUTH_INTERNAL_URL INTERNAL_API_SECRET
    GRAPH_CA_FILE CURSOR_KEYS ALLOWED_ORIGINS REDIS_URL REDIS_PREFIX REPLICA_ID LOG_LEVEL
    METRICS_ENABLED METRICS_HOST METRICS_PORT SHUTDOWN_TIMEOUT ${TRACING}`,
}
const COMPONENTS = Object.keys(MANAGED)

// Values standing in for keys of existing Secrets (not in the rendered output), in each format.
const SAMPLE_SECRETS = {
  REDIS_URL: 'rediss://:sample@redis.example.internal:6380/0',
  INTERNAL_API_SECRET: randomBytes(32).toString('base64url'),
  TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  COOKIE_SECRETS: randomBytes(32).toString('base64url'),
  CURSOR_KEYS: randomBytes(32).toString('base64url'),
  ENTRA_CLIENT_SECRET: randomBytes(24).toString('base64url'),
  ENTRA_CLIENT_CERTIFICATE_KEY: `-----BEGIN PRIVATE KEY-----\n${randomBytes(48).toString('base64')}\n-----END PRIVATE KEY-----\n`,
}

async function loadServiceSchemas() {
  const schemas = {}
  for (const component of COMPONENTS) {
    const file = join(repoRoot, 'services', component, 'dist', 'config.js')
    if (!existsSync(file)) {
      problem(`services/${component}`, 'dist/config.js is missing: build first (npm run build)')
      continue
    }
    schemas[component] = (await import(pathToFileURL(file).href)).configSchema
  }
  const configModule = join(repoRoot, 'shared', 'config', 'dist', 'index.js')
  const config = existsSync(configModule) ? await import(pathToFileURL(configModule).href) : undefined
  return { schemas, config }
}

// The schema's `config` key lists must follow the services: a new setting is passable, a setting
// the chart manages is not, a removed one is gone.
function checkConfigKeyLists(chartSchema, schemas) {
  for (const component of COMPONENTS) {
    const schema = schemas[component]
    if (!schema) continue
    const keys = new Set(Object.keys(schema.shape))
    const managed = new Set(MANAGED[component].split(/\s+/))
    const listed = new Set(chartSchema.properties[component].properties.config.propertyNames.enum)
    const where = `values.schema.json ${component}.config`
    for (const key of keys)
      if (!managed.has(key) && !listed.has(key))
        problem(where, `${key} (a setting of services/${component}) is missing`)
    for (const key of listed) {
      if (!keys.has(key)) problem(where, `${key} is not a setting of services/${component}`)
      if (managed.has(key)) problem(where, `${key} is set by the chart and must not be listed`)
    }
    for (const key of managed)
      if (!keys.has(key))
        problem(`chart (${component})`, `sets ${key}, which services/${component} does not know`)
  }
}

// The environment a Deployment's container gets, as Kubernetes assembles it.
function containerEnv(container, objects) {
  const env = {}
  const find = (kind, name) => objects.find((o) => o.kind === kind && o.metadata?.name === name)
  for (const source of container.envFrom ?? [])
    if (source.configMapRef) Object.assign(env, find('ConfigMap', source.configMapRef.name)?.data ?? {})
  for (const entry of container.env ?? []) {
    if (entry.value !== undefined) env[entry.name] = entry.value
    const ref = entry.valueFrom?.secretKeyRef
    if (!ref) continue
    const data = find('Secret', ref.name)?.data
    env[entry.name] = data?.[ref.key]
      ? Buffer.from(data[ref.key], 'base64').toString('utf8')
      : SAMPLE_SECRETS[entry.name]
  }
  return env
}

function checkServiceConfigs(where, objects, { schemas, config }) {
  if (!config) return problem('shared/config', 'dist is missing: build first (npm run build)')
  for (const deployment of objects.filter((o) => o.kind === 'Deployment')) {
    const component = deployment.spec?.template?.metadata?.labels?.['app.kubernetes.io/component']
    const schema = schemas[component]
    if (!schema) continue
    for (const container of deployment.spec.template.spec.containers ?? []) {
      try {
        config.loadConfig(schema, containerEnv(container, objects))
      } catch (error) {
        if (!(error instanceof config.ConfigError)) throw error
        for (const issue of error.issues)
          problem(`${where} Deployment/${deployment.metadata.name}`, `${issue.key}: ${issue.reason}`)
      }
    }
  }
}

// Secret and ConfigMap names the values point at, which the chart expects to exist.
function externalNames(values) {
  return {
    externalSecrets: [
      values.redis?.existingSecret,
      values.secrets?.existingSecret,
      values.entra?.credential?.existingSecret,
    ].filter(Boolean),
    externalConfigMaps: [values.extraCaCertificate?.configMap].filter(Boolean),
  }
}

function commandWorks(command, args) {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 20_000 })
    return true
  } catch {
    return false
  }
}

// kubectl decodes each built-in object into its Go API type (wrong types, YAML 1.1 surprises such
// as an unquoted `off`), without a cluster. CRDs (ServiceMonitor) are not in its scheme: left out.
function kubectlDecode(where, manifests) {
  const builtIn = manifests
    .flatMap(({ content }) => content.split(/^---\s*$/m))
    .filter((doc) => /^kind:/m.test(doc) && !/^apiVersion:\s*monitoring\.coreos\.com\//m.test(doc))
    .join('\n---\n')
  const run = spawnSync('kubectl', ['set', 'env', '--local', '-f', '-', '--list'], {
    input: builtIn,
    encoding: 'utf8',
    timeout: 60_000,
  })
  if (run.status !== 0) problem(where, `kubectl could not decode the manifests: ${run.stderr.trim()}`)
}

function helmChecks(files) {
  for (const file of files) {
    for (const args of [
      ['lint', chartDir, '--strict', '-f', file],
      ['template', 'm365-mcp', chartDir, '-f', file],
    ]) {
      const run = spawnSync('helm', args, { encoding: 'utf8', timeout: 120_000 })
      if (run.status !== 0) problem(`helm ${args[0]} ${basename(file)}`, (run.stderr || run.stdout).trim())
    }
  }
  log(`helm lint --strict and helm template pass for ${files.length} values files`)
}

// What `helm lint` checks of Chart.yaml.
function checkChartYaml({ chart, dir }) {
  const where = rel(join(dir, 'Chart.yaml'))
  const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/
  if (chart.apiVersion !== 'v2') problem(where, 'apiVersion must be v2')
  if (chart.name !== basename(dir)) problem(where, `name must be the directory's, ${basename(dir)}`)
  if (chart.type !== 'application') problem(where, 'type must be application')
  if (!SEMVER.test(String(chart.version))) problem(where, 'version must be SemVer')
  if (typeof chart.appVersion !== 'string' || chart.appVersion === '')
    problem(where, 'appVersion must be a string')
  if (!/^>=\s*1\.\d+/.test(String(chart.kubeVersion)))
    problem(where, 'kubeVersion must state the oldest Kubernetes')
  if (!chart.description) problem(where, 'description is missing')
}

const chart = loadChart()
checkChartYaml(chart)
const files = ciValuesFiles()
if (files.length < 2) problem(rel(join(chartDir, 'ci')), 'needs at least two values files')

const schemaProblems = validateValues(chart.schema, chart.values)
for (const p of schemaProblems) problem('values.yaml', p)
const merged = files.map((file) => {
  const values = mergeValues(chart.values, readValuesFile(file))
  for (const p of validateValues(chart.schema, values)) problem(rel(file), p)
  return { file, values }
})
log(`values.yaml and ${files.length} ci values files checked against values.schema.json`)

const services = await loadServiceSchemas()
checkConfigKeyLists(chart.schema, services.schemas)

let rendered = 0
try {
  const defaults = renderChart({ values: chart.values })
  if (!defaults.error)
    problem('values.yaml', 'renders without publicUrl, Entra, Redis and secrets: `required` is missing')
  else if (!/is required/.test(defaults.error))
    problem('values.yaml', `refused, but not by required: ${defaults.error}`)

  const kubectl = commandWorks('kubectl', ['version', '--client'])
  for (const { file, values } of merged) {
    const where = rel(file)
    const result = renderChart({ values })
    if (result.error) {
      problem(where, `rendering failed: ${result.error}`)
      continue
    }
    const { objects, errors } = parseManifests(result.manifests)
    for (const e of errors) problem(`${where} ${e.source}`, `not YAML: ${e.message}`)
    const list = objects.map((o) => o.object)
    for (const p of checkManifests(list, externalNames(values))) problem(where, p)
    const wiring = {
      namespace: 'm365-mcp',
      clusterDomain: values.clusterDomain,
      metricsEnabled: values.metrics.enabled,
    }
    for (const p of checkWiring(list, wiring)) problem(where, p)
    checkServiceConfigs(where, list, services)
    if (!result.notes.includes(`${values.publicUrl.replace(/\/$/, '')}/mcp`))
      problem(`${where} NOTES.txt`, 'does not show the MCP URL')
    if (kubectl) kubectlDecode(where, result.manifests)
    if (process.env.CHECK_HELM_PRINT) console.log(toYamlStream(result.manifests))
    rendered += 1
    log(`${where}: ${list.length} objects rendered and checked`)
  }
  log(kubectl ? 'kubectl decoded every built-in object' : 'kubectl is not installed: typed decoding skipped')
} catch (error) {
  if (!(error instanceof GoMissingError)) throw error
  if (allowMissingGo) log(`${error.message}: rendering skipped (--allow-missing-go)`)
  else problem('helm-render', `${error.message}; pass --allow-missing-go to check the values only`)
}

if (commandWorks('helm', ['version'])) helmChecks(files)
else log('helm is not installed: helm lint / helm template skipped (the Go renderer stands in)')

if (problems.length > 0) {
  console.error(`check-helm: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  process.exit(1)
}
log(`the chart passes (${rendered} renderings)`)
