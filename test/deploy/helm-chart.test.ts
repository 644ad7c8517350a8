// The Helm chart (deploy/helm/m365-mcp) through the offline renderer of scripts/helm-render: the
// values schema catches typos and settings the chart owns, `required` stops an install missing a
// secret, the NetworkPolicies admit only the traffic the architecture needs (auth's token-exchange
// port from tools alone), and the renderer reproduces Helm's template semantics. The full rule set
// runs in CI as `node scripts/check-helm.mjs`.
import { join } from 'node:path'
import t from 'tap'
import { parse } from 'yaml'
import {
  goAvailable,
  loadChart,
  mergeValues,
  parseManifests,
  readValuesFile,
  renderChart,
  repoRoot,
  validateValues,
  type Values,
} from '../../scripts/helm-render/render.mjs'
import { allowedSources, checkWiring } from '../../scripts/helm-render/wiring-rules.mjs'

const skip = goAvailable() ? false : 'no Go toolchain to render the chart (apt-get install golang-go)'
const chart = loadChart()
const minimal = mergeValues(
  chart.values,
  readValuesFile(join(repoRoot, 'deploy/helm/m365-mcp/ci/minimal-values.yaml')),
)

type PolicyRule = { ports: { port: string }[]; from: object[] }
type K8sObject = {
  kind: string
  metadata: { name: string; labels?: Record<string, string> }
  spec: {
    ingress: PolicyRule[]
    template: { spec: { containers: { ports: { name: string; containerPort: number }[] }[] } }
  }
}

function render(values: Values): K8sObject[] {
  const result = renderChart({ values })
  if (result.error !== undefined) throw new Error(result.error)
  return parseManifests(result.manifests).objects.map((o) => o.object as K8sObject)
}

t.test('values schema: a misspelt key is refused (additionalProperties: false)', async (t) => {
  const problems = validateValues(chart.schema, mergeValues(minimal, { gateway: { replcas: 3 } }))
  t.match(problems.join('\n'), /\/gateway: must NOT have additional properties "replcas"/)
  t.same(validateValues(chart.schema, minimal), [])
})

t.test('values schema: a setting the chart sets itself cannot be passed through config', async (t) => {
  const problems = validateValues(chart.schema, mergeValues(minimal, { auth: { config: { AUTH_PORT: 1 } } }))
  t.match(problems.join('\n'), /\/auth\/config: property name must be valid "AUTH_PORT"/)
})

t.test('values schema: a short internal API secret is refused (at least 32 characters)', async (t) => {
  const problems = validateValues(
    chart.schema,
    mergeValues(minimal, { secrets: { internalApiSecret: 'short' } }),
  )
  t.match(problems.join('\n'), /\/secrets\/internalApiSecret/)
})

t.test('templates: an install without a required secret fails with its message', { skip }, async (t) => {
  const result = renderChart({ values: mergeValues(minimal, { secrets: { cursorKeys: '' } }) })
  t.match(result.error, /secrets\.cursorKeys \(or secrets\.existingSecret\) is required/)
  const defaults = renderChart({ values: chart.values })
  t.match(defaults.error, /is required/)
})

t.test('ingress: an Ingress that does not serve the publicUrl host is refused', { skip }, async (t) => {
  const values = mergeValues(minimal, { publicUrl: 'https://other.example.com', ingress: { enabled: true } })
  t.match(renderChart({ values }).error, /ingress\.hosts must include publicUrl's host other\.example\.com/)
})

t.test('network policy: only tools reach auth internal port 8792', { skip }, async (t) => {
  const objects = render(minimal)
  const auth = objects.find((o) => o.kind === 'Deployment' && o.metadata.name.endsWith('-auth'))!
  const ports = auth.spec.template.spec.containers[0]?.ports ?? []
  t.equal(ports.find((p) => p.name === 'internal')?.containerPort, 8792)
  const allowed = allowedSources(objects.filter((o) => o.kind === 'NetworkPolicy'))
  t.same(allowed.auth?.internal, ['tools'], 'the token-exchange port admits tools Pods only')
  t.same(
    [...(allowed.auth?.http ?? [])].sort(),
    ['gateway', 'tools'],
    'the public port: the gateway, and tools for the JWKS',
  )
  t.same(allowed.tools?.http, ['gateway'])
  t.same(allowed.gateway?.http, ['*'], 'the gateway is the public service')
  t.same(checkWiring(objects, { namespace: 'm365-mcp' }), [])
})

t.test(
  'network policy: a rule admitting the gateway to auth internal port is reported',
  { skip },
  async (t) => {
    const objects = render(minimal)
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name.endsWith('-auth'))!
    const internalRule = policy.spec.ingress.find((r) => r.ports[0]?.port === 'internal')!
    internalRule.from.push({ podSelector: { matchLabels: { 'app.kubernetes.io/component': 'gateway' } } })
    t.match(
      checkWiring(objects, { namespace: 'm365-mcp' }).join('\n'),
      /port internal admits \[gateway,tools\]/,
    )
  },
)

t.test('network policy: disabled renders none', { skip }, async (t) => {
  const objects = render(mergeValues(minimal, { networkPolicy: { enabled: false } }))
  t.equal(objects.filter((o) => o.kind === 'NetworkPolicy').length, 0)
})

t.test(
  'renderer: Helm template semantics (chomping, nindent of toYaml, Sprig functions)',
  { skip },
  async (t) => {
    const values = {
      port: 8788,
      big: 1000000,
      flag: true,
      empty: '',
      nested: { b: [1, 'two', { c: null }], a: {}, list: [] },
      order: { z: 1, a: 2 },
    }
    const result = renderChart({
      values,
      dir: join(repoRoot, 'test/deploy/fixtures/fidelity'),
      release: { Name: 'release' },
    })
    if (result.error !== undefined) throw new Error(result.error)
    const text = result.manifests[0]?.content ?? ''
    t.ok(
      text.startsWith('name: release-fide\n'),
      '{{- /* */ -}} eats the comment and its line break; trunc 12',
    )
    t.match(text, '\nnested:\n  a: {}\n  b:\n  - 1\n  - two\n  - c: null\n  list: []\n', 'toYaml | nindent 2')
    t.match(text, '\nindented: |\n  a\n  b\norder-a: 2\norder-z: 1\n', 'indent, and range over a map by key')
    t.notMatch(text, 'never', 'with on a missing value renders nothing')
    t.same(parse(text), {
      name: 'release-fide',
      chart: 'fidelity-1.2.3-4.5.6',
      template: 'fidelity/templates/cases.yaml',
      missing: [],
      default: 'fallback',
      port: 8788,
      big: 1000000, // printed 1e+06, as Helm prints a float64
      quoted: '8788',
      squoted: 's',
      pair: '42',
      empty: 'true true true true true false',
      ternary: 'yes',
      hasKey: 'true false',
      b64: 'c2VjcmV0',
      sha: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      sub: 20,
      nested: { a: {}, b: [1, 'two', { c: null }], list: [] },
      indented: 'a\nb\n',
      'order-a': 2,
      'order-z': 1,
    })
    t.match(text, '\nbig: 1e+06\n')
    t.match(text, '\nquoted: "8788"\nsquoted: \'s\'\n', 'quote and squote')
  },
)
