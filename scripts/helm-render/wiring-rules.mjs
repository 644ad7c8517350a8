// The m365-mcp topology the rendered chart must wire: each listener's port setting equals its named
// container port and binds all interfaces; the gateway reaches auth's public port by its Service and
// the tools replicas through a headless Service (TOOLS_UPSTREAM_DNS, one A record per ready Pod);
// tools reach auth's public port (JWKS) and internal port (token exchange) by Service; and the
// NetworkPolicies let exactly that traffic in (ARCHITECTURE: only the gateway is public).

// Listener settings per component: [port setting, host setting, container port name].
const LISTENERS = {
  gateway: [
    ['GATEWAY_PORT', 'GATEWAY_HOST', 'http'],
    ['METRICS_PORT', 'METRICS_HOST', 'metrics'],
  ],
  auth: [
    ['AUTH_PORT', 'AUTH_HOST', 'http'],
    ['AUTH_INTERNAL_PORT', 'AUTH_INTERNAL_HOST', 'internal'],
    ['METRICS_PORT', 'METRICS_HOST', 'metrics'],
  ],
  tools: [
    ['TOOLS_PORT', 'TOOLS_HOST', 'http'],
    ['METRICS_PORT', 'METRICS_HOST', 'metrics'],
  ],
}

// Upstream settings: [component, setting, target component, Service port name, headless?].
const UPSTREAMS = [
  ['gateway', 'AUTH_UPSTREAM', 'auth', 'http', false],
  ['gateway', 'AUTH_JWKS_URL', 'auth', 'http', false],
  ['gateway', 'TOOLS_UPSTREAM_DNS', 'tools', 'http', true],
  ['tools', 'AUTH_JWKS_URL', 'auth', 'http', false],
  ['tools', 'AUTH_INTERNAL_URL', 'auth', 'internal', false],
]

// Who may reach which named port (besides metrics, open to the metrics selector only).
const EXPECTED_INGRESS = {
  gateway: { http: 'public' },
  auth: { http: ['gateway', 'tools'], internal: ['tools'] },
  tools: { http: ['gateway'] },
}

const componentOf = (o) =>
  o.spec?.template?.metadata?.labels?.['app.kubernetes.io/component'] ??
  o.metadata?.labels?.['app.kubernetes.io/component']

function hostPort(value) {
  try {
    const url = new URL(value.includes('://') ? value : `tcp://${value}`)
    return { host: url.hostname, port: Number(url.port) }
  } catch {
    return undefined
  }
}

export function checkWiring(objects, { namespace, clusterDomain = 'cluster.local', metricsEnabled = true }) {
  const problems = []
  const problem = (where, message) => problems.push(`${where}: ${message}`)
  const deployments = new Map(objects.filter((o) => o.kind === 'Deployment').map((d) => [componentOf(d), d]))
  const isMetrics = (o) => o.metadata?.labels?.['m365-mcp/metrics'] === 'true'
  const allServices = objects.filter((o) => o.kind === 'Service')
  const services = new Map(allServices.filter((s) => !isMetrics(s)).map((s) => [componentOf(s), s]))
  // Metrics stay off the main Services (the gateway's may be public) and on internal ones only.
  for (const svc of allServices) {
    const where = `Service/${svc.metadata.name}`
    const metricsPort = (svc.spec?.ports ?? []).some(
      (p) => p.name === 'metrics' || p.targetPort === 'metrics',
    )
    if (!isMetrics(svc) && metricsPort) problem(where, 'exposes the metrics port: use the metrics Service')
    if (isMetrics(svc) && ['NodePort', 'LoadBalancer'].includes(svc.spec?.type))
      problem(where, 'a metrics Service must stay internal')
  }
  if (metricsEnabled)
    for (const component of Object.keys(LISTENERS))
      if (!allServices.some((s) => isMetrics(s) && componentOf(s) === component))
        problem(component, 'no metrics Service rendered')
  const configOf = (component) => {
    const container = deployments.get(component)?.spec?.template?.spec?.containers?.[0]
    const name = container?.envFrom?.find((e) => e.configMapRef)?.configMapRef?.name
    return objects.find((o) => o.kind === 'ConfigMap' && o.metadata?.name === name)?.data ?? {}
  }

  for (const [component, listeners] of Object.entries(LISTENERS)) {
    const deployment = deployments.get(component)
    if (!deployment) {
      problem(component, 'no Deployment rendered')
      continue
    }
    const ports = deployment.spec.template.spec.containers.flatMap((c) => c.ports ?? [])
    const config = configOf(component)
    for (const [portKey, hostKey, portName] of listeners) {
      if (portName === 'metrics' && !metricsEnabled) continue
      const containerPort = ports.find((p) => p.name === portName)?.containerPort
      if (String(containerPort) !== config[portKey])
        problem(
          component,
          `${portKey}=${config[portKey]} but the container port "${portName}" is ${containerPort}`,
        )
      if (config[hostKey] !== '0.0.0.0')
        problem(component, `${hostKey} must be 0.0.0.0 (reachable from other Pods)`)
    }
  }

  for (const [component, key, target, portName, headless] of UPSTREAMS) {
    const value = configOf(component)[key]
    const where = `${component} ${key}=${value}`
    const parsed = value && hostPort(value)
    const service = services.get(target)
    if (!parsed || !service) {
      problem(where, `must name the ${target} Service`)
      continue
    }
    const fqdn = `${service.metadata.name}.${namespace}.svc.${clusterDomain}`
    if (parsed.host !== fqdn && parsed.host !== service.metadata.name)
      problem(where, `must name the ${target} Service (${fqdn})`)
    if (service.spec.ports.find((p) => p.name === portName)?.port !== parsed.port)
      problem(where, `the ${target} Service's "${portName}" port is not ${parsed.port}`)
    if (headless && service.spec.clusterIP !== 'None')
      problem(where, `the ${target} Service must be headless (clusterIP: None): one address per replica`)
  }

  const policies = objects.filter((o) => o.kind === 'NetworkPolicy')
  if (policies.length === 0) return problems
  const allowed = allowedSources(policies)
  for (const [target, ports] of Object.entries(EXPECTED_INGRESS))
    for (const [port, expected] of Object.entries(ports)) {
      const sources = allowed[target]?.[port] ?? []
      if (expected === 'public') {
        if (sources.length === 0) problem(`NetworkPolicy ${target}`, `nothing may reach port ${port}`)
        if (sources.some((s) => s !== '*' && s !== 'external' && s !== 'gateway'))
          problem(`NetworkPolicy ${target}`, `port ${port} is open to Pods of other components`)
        continue
      }
      const got = [...new Set(sources)].sort().join(',')
      if (got !== [...expected].sort().join(','))
        problem(`NetworkPolicy ${target}`, `port ${port} admits [${got}], expected [${expected.join(',')}]`)
    }
  for (const [target, ports] of Object.entries(allowed))
    for (const [port, sources] of Object.entries(ports)) {
      if (!(port in (EXPECTED_INGRESS[target] ?? {})) && port !== 'metrics')
        problem(`NetworkPolicy ${target}`, `admits traffic to port ${port}, which nothing needs`)
      if (port === 'metrics' && sources.some((s) => s !== 'external'))
        problem(`NetworkPolicy ${target}`, 'metrics must be reachable only from the metrics selector')
    }
  return problems
}

/**
 * Sources admitted per target component and named port under the NetworkPolicies:
 * { [component]: { [port]: sources[] } }; a source is a component, `*` (anyone) or `external`
 * (a namespace selector or an IP block).
 */
export function allowedSources(policies) {
  const out = {}
  for (const policy of policies) {
    const target = policy.spec?.podSelector?.matchLabels?.['app.kubernetes.io/component']
    out[target] ??= {}
    for (const rule of policy.spec?.ingress ?? []) {
      const sources = (rule.from ?? [{}]).map((peer) => {
        if (peer.namespaceSelector || peer.ipBlock) return 'external'
        if (peer.podSelector)
          return peer.podSelector.matchLabels?.['app.kubernetes.io/component'] ?? 'namespace'
        return '*'
      })
      for (const { port } of rule.ports ?? [{ port: '*' }]) {
        out[target][port] ??= []
        out[target][port].push(...sources)
      }
    }
  }
  return out
}
