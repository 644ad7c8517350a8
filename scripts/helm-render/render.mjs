// Renders the Helm chart without helm: values are read and merged here (YAML, as Helm coalesces
// them), checked against values.schema.json with Ajv, and the templates are executed by main.go
// (Go's text/template, Helm's engine, with the Sprig functions the chart uses). Used by
// scripts/check-helm.mjs and test/deploy/helm-chart.test.ts.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Ajv from 'ajv'
import { parse, parseAllDocuments } from 'yaml'

const here = dirname(fileURLToPath(import.meta.url))
export const repoRoot = resolve(here, '..', '..')
export const chartDir = join(repoRoot, 'deploy', 'helm', 'm365-mcp')

export class GoMissingError extends Error {}

export function loadChart(dir = chartDir) {
  return {
    dir,
    chart: parse(readFileSync(join(dir, 'Chart.yaml'), 'utf8')),
    values: parse(readFileSync(join(dir, 'values.yaml'), 'utf8')) ?? {},
    schema: JSON.parse(readFileSync(join(dir, 'values.schema.json'), 'utf8')),
  }
}

/** The ci/*.yaml values files of the chart, sorted. */
export function ciValuesFiles(dir = chartDir) {
  const ci = join(dir, 'ci')
  return readdirSync(ci)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(ci, name))
}

export function readValuesFile(file) {
  return parse(readFileSync(file, 'utf8')) ?? {}
}

const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * Helm's coalescing of user values over the chart's: maps merge key by key, anything else
 * (lists included) replaces, and null deletes the chart's key.
 */
export function mergeValues(base, override) {
  const out = { ...base }
  for (const [key, value] of Object.entries(override ?? {})) {
    if (value === null) delete out[key]
    else if (isMap(value) && isMap(out[key])) out[key] = mergeValues(out[key], value)
    else out[key] = value
  }
  return out
}

/** Problems of `values` against the chart's draft-07 schema, one readable line each. */
export function validateValues(schema, values) {
  const ajv = new Ajv({ allErrors: true, strict: false })
  const validate = ajv.compile(schema)
  if (validate(values)) return []
  return (validate.errors ?? []).map((e) => {
    const where = e.instancePath || '(root)'
    const extra =
      e.keyword === 'additionalProperties'
        ? ` "${e.params.additionalProperty}"`
        : e.keyword === 'enum'
          ? ` (${e.params.allowedValues.join(', ')})`
          : e.keyword === 'propertyNames'
            ? ` "${e.params.propertyName}"`
            : ''
    return `${where}: ${e.message}${extra}`
  })
}

function findGo() {
  for (const candidate of ['go', '/usr/lib/go/bin/go', '/usr/local/go/bin/go']) {
    try {
      execFileSync(candidate, ['version'], { stdio: 'ignore' })
      return candidate
    } catch {
      // not this one
    }
  }
  return undefined
}

export function goAvailable() {
  return findGo() !== undefined
}

/**
 * Builds main.go once per source version into the temp directory (stdlib only: offline) and
 * returns the binary's path. Throws GoMissingError without a Go toolchain.
 */
export function ensureRenderer() {
  const go = findGo()
  if (!go) throw new GoMissingError('no Go toolchain on the PATH (Debian: apt-get install golang-go)')
  const hash = createHash('sha256')
  for (const file of readdirSync(here)
    .filter((f) => f.endsWith('.go') || f === 'go.mod')
    .sort())
    hash.update(file).update(readFileSync(join(here, file)))
  const dir = join(tmpdir(), 'm365-mcp-helm-render')
  const binary = join(dir, `helm-render-${hash.digest('hex').slice(0, 16)}`)
  if (existsSync(binary)) return binary
  mkdirSync(dir, { recursive: true })
  const partial = `${binary}.${process.pid}`
  // Offline: no module proxy (go.mod has no requires), no toolchain download.
  const env = { ...process.env, CGO_ENABLED: '0', GOPROXY: 'off', GOTOOLCHAIN: 'local' }
  if (!env.GOCACHE && !env.HOME) env.GOCACHE = join(dir, 'gocache')
  execFileSync(go, ['build', '-o', partial, '.'], { cwd: here, env, stdio: ['ignore', 'ignore', 'pipe'] })
  renameSync(partial, binary)
  return binary
}

/**
 * Renders the chart with `values` (already merged over values.yaml). Returns { manifests, notes }
 * or { error } with the template error (a missing required value, a bad template).
 */
export function renderChart({ values, release = {}, dir = chartDir, chart, kubeVersion = 'v1.30.0' }) {
  const binary = ensureRenderer()
  const input = {
    chartDir: dir,
    chart: chart ?? parse(readFileSync(join(dir, 'Chart.yaml'), 'utf8')),
    values,
    release: { Name: 'm365-mcp', Namespace: 'm365-mcp', ...release },
    kubeVersion,
  }
  const run = spawnSync(binary, ['-format', 'json'], { input: JSON.stringify(input), encoding: 'utf8' })
  if (run.status !== 0) return { error: (run.stderr || `exit ${run.status}`).trim() }
  return JSON.parse(run.stdout)
}

/**
 * The Kubernetes objects of rendered manifests: [{ source, index, object }] and the YAML errors
 * ([{ source, message }]). Empty documents (a template whose condition is off) are skipped.
 */
export function parseManifests(manifests) {
  const objects = []
  const errors = []
  for (const { name, content } of manifests) {
    parseAllDocuments(content).forEach((doc, index) => {
      if (doc.errors.length > 0) {
        for (const error of doc.errors) errors.push({ source: name, message: error.message })
        return
      }
      const object = doc.toJS()
      if (object === null || object === undefined) return
      objects.push({ source: name, index, object })
    })
  }
  return { objects, errors }
}

/** The rendered manifests as one multi-document YAML stream, as `helm template` prints them. */
export function toYamlStream(manifests) {
  return manifests
    .filter(({ content }) => content.trim() !== '')
    .map(({ name, content }) => `---\n# Source: ${name}\n${content.replace(/\n+$/, '')}\n`)
    .join('')
}
