// Rules the rendered manifests of the chart must follow, checked without a cluster: object shape,
// names and labels as the API server validates them, container ports and env, references between
// objects (Secret and ConfigMap keys, Service selectors and target ports, NetworkPolicy selectors
// and ports, Ingress, HPA and PDB targets, ServiceMonitors), and the chart's hardening promises.
// checkManifests returns one readable line per problem.

// Kubernetes validation patterns (k8s.io/apimachinery/pkg/util/validation).
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/

// Kinds whose names must be DNS-1035 labels (Services) or may be subdomains (everything else).
const LABEL_NAMED = new Set(['Service'])

const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)
const idOf = (o) => `${o.kind}/${o.metadata?.name}`

function matches(selector, labels) {
  if (!isMap(selector)) return false
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v)
}

export function checkLabels(where, labels, problem) {
  if (labels === undefined) return
  if (!isMap(labels)) return problem(where, 'labels must be a map')
  for (const [key, value] of Object.entries(labels)) {
    const slash = key.lastIndexOf('/')
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined
    const name = slash >= 0 ? key.slice(slash + 1) : key
    if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)))
      problem(where, `label key "${key}": the prefix must be a DNS subdomain`)
    if (name.length > 63 || !QUALIFIED_NAME.test(name))
      problem(where, `label key "${key}": the name must be at most 63 alphanumerics, '-', '_' or '.'`)
    if (typeof value !== 'string') problem(where, `label "${key}" must be a string (quote it)`)
    else if (value.length > 63 || !LABEL_VALUE.test(value))
      problem(where, `label "${key}" value "${value}" is not a valid label value`)
  }
}

function checkName(object, problem) {
  const name = object.metadata?.name
  const where = idOf(object)
  if (typeof name !== 'string' || name === '') return problem(where, 'metadata.name is missing')
  if (LABEL_NAMED.has(object.kind)) {
    if (name.length > 63 || !DNS1035_LABEL.test(name))
      problem(where, 'a Service name must be a DNS-1035 label (at most 63 characters)')
  } else if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    problem(where, 'the name must be a DNS subdomain')
  }
  // Deployments name their ReplicaSets and Pods after themselves; keep them labels too.
  if (object.kind === 'Deployment' && (name.length > 63 || !DNS1123_LABEL.test(name)))
    problem(where, 'a Deployment name must be a DNS label (at most 63 characters)')
}

function containersOf(deployment) {
  const spec = deployment.spec?.template?.spec ?? {}
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])]
}

function podPorts(deployment) {
  return containersOf(deployment).flatMap((c) => c.ports ?? [])
}

/**
 * @param objects the rendered Kubernetes objects
 * @param externalSecrets names of Secrets the chart expects to exist already (existingSecret values)
 * @param externalConfigMaps names of ConfigMaps the chart expects to exist already
 */
export function checkManifests(objects, { externalSecrets = [], externalConfigMaps = [] } = {}) {
  const problems = []
  const problem = (where, message) => problems.push(`${where}: ${message}`)
  const byKind = (kind) => objects.filter((o) => o.kind === kind)

  const seen = new Set()
  for (const object of objects) {
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
      problem(JSON.stringify(object).slice(0, 60), 'apiVersion and kind are required')
      continue
    }
    checkName(object, problem)
    const id = `${object.apiVersion.split('/')[0]}:${idOf(object)}`
    if (seen.has(id)) problem(idOf(object), 'rendered twice')
    seen.add(id)
    checkLabels(idOf(object), object.metadata?.labels, problem)
    for (const [key, value] of Object.entries(object.metadata?.annotations ?? {}))
      if (typeof value !== 'string') problem(idOf(object), `annotation "${key}" must be a string (quote it)`)
  }

  const secrets = new Map(byKind('Secret').map((s) => [s.metadata.name, s]))
  const configMaps = new Map(byKind('ConfigMap').map((c) => [c.metadata.name, c]))
  const secretKeys = (name) => {
    const s = secrets.get(name)
    return s ? new Set([...Object.keys(s.data ?? {}), ...Object.keys(s.stringData ?? {})]) : undefined
  }
  for (const [name, cm] of configMaps)
    for (const [key, value] of Object.entries(cm.data ?? {})) {
      if (!SECRET_KEY.test(key)) problem(`ConfigMap/${name}`, `key "${key}" is not a valid key`)
      if (typeof value !== 'string') problem(`ConfigMap/${name}`, `${key} must be a string (quote it)`)
    }
  for (const [name, s] of secrets)
    for (const [key, value] of Object.entries(s.data ?? {}))
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value))
        problem(`Secret/${name}`, `data.${key} must be base64`)

  const deployments = byKind('Deployment')
  for (const d of deployments)
    checkDeployment(d, { problem, secretKeys, configMaps, externalSecrets, externalConfigMaps })

  const podsMatching = (selector) =>
    deployments.filter((d) => matches(selector, d.spec?.template?.metadata?.labels))

  const services = byKind('Service')
  for (const svc of services) {
    const where = idOf(svc)
    const targets = podsMatching(svc.spec?.selector)
    if (!isMap(svc.spec?.selector) || targets.length === 0) {
      problem(where, "its selector matches no Deployment's Pods")
      continue
    }
    for (const port of svc.spec?.ports ?? []) {
      if (!port.name || !IANA_SVC_NAME.test(port.name)) problem(where, `port ${port.port} needs a valid name`)
      const target = port.targetPort ?? port.port
      for (const d of targets)
        if (!podPorts(d).some((p) => p.name === target || p.containerPort === target))
          problem(where, `targetPort ${target} is not a container port of ${idOf(d)}`)
    }
  }

  for (const policy of byKind('NetworkPolicy')) checkNetworkPolicy(policy, { problem, podsMatching })

  for (const ingress of byKind('Ingress'))
    for (const rule of ingress.spec?.rules ?? [])
      for (const path of rule.http?.paths ?? []) {
        const backend = path.backend?.service
        const svc = services.find((s) => s.metadata.name === backend?.name)
        if (!svc) problem(idOf(ingress), `backend Service "${backend?.name}" is not rendered`)
        else if (
          !(svc.spec.ports ?? []).some(
            (p) => p.name === backend.port?.name || p.port === backend.port?.number,
          )
        )
          problem(idOf(ingress), `backend port of ${idOf(svc)} does not exist`)
      }

  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const ref = hpa.spec?.scaleTargetRef
    const target = objects.find((o) => o.kind === ref?.kind && o.metadata?.name === ref?.name)
    if (!target) problem(idOf(hpa), `scaleTargetRef ${ref?.kind}/${ref?.name} is not rendered`)
    else if (target.spec?.replicas !== undefined)
      problem(
        idOf(target),
        'sets replicas although an autoscaler manages it (every upgrade would reset them)',
      )
    if (!(hpa.spec?.minReplicas <= hpa.spec?.maxReplicas))
      problem(idOf(hpa), 'minReplicas exceeds maxReplicas')
  }

  for (const pdb of byKind('PodDisruptionBudget'))
    if (podsMatching(pdb.spec?.selector?.matchLabels).length === 0)
      problem(idOf(pdb), "its selector matches no Deployment's Pods")

  for (const monitor of byKind('ServiceMonitor')) {
    const selected = services.filter((s) => matches(monitor.spec?.selector?.matchLabels, s.metadata?.labels))
    if (selected.length === 0) problem(idOf(monitor), 'its selector matches no Service')
    for (const endpoint of monitor.spec?.endpoints ?? [])
      for (const svc of selected)
        if (!(svc.spec.ports ?? []).some((p) => p.name === endpoint.port))
          problem(idOf(monitor), `${idOf(svc)} has no port named ${endpoint.port}`)
  }

  return problems
}

function checkDeployment(d, { problem, secretKeys, configMaps, externalSecrets, externalConfigMaps }) {
  const where = idOf(d)
  const template = d.spec?.template ?? {}
  const podLabels = template.metadata?.labels
  checkLabels(`${where} pod template`, podLabels, problem)
  if (!isMap(d.spec?.selector?.matchLabels) || !matches(d.spec.selector.matchLabels, podLabels))
    problem(where, 'spec.selector.matchLabels must match the pod template labels')
  const annotations = template.metadata?.annotations ?? {}
  for (const key of ['checksum/config', 'checksum/secret'])
    if (!/^[0-9a-f]{64}$/.test(annotations[key] ?? ''))
      problem(where, `the pod template needs a ${key} annotation (Pods roll when it changes)`)
  const pod = template.spec ?? {}
  if (pod.automountServiceAccountToken !== false) problem(where, 'automountServiceAccountToken must be false')
  if (pod.securityContext?.runAsNonRoot !== true) problem(where, 'the Pod must set runAsNonRoot')
  if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault')
    problem(where, 'the Pod must use the RuntimeDefault seccomp profile')
  const volumes = new Set((pod.volumes ?? []).map((v) => v.name))
  for (const volume of pod.volumes ?? []) {
    const cm = volume.configMap?.name
    if (cm && !configMaps.has(cm) && !externalConfigMaps.includes(cm))
      problem(
        where,
        `volume ${volume.name}: ConfigMap "${cm}" is neither rendered nor an existing one of the values`,
      )
  }

  for (const c of containersOf(d)) {
    const cwhere = `${where} container ${c.name}`
    const sc = c.securityContext ?? {}
    if (sc.allowPrivilegeEscalation !== false) problem(cwhere, 'allowPrivilegeEscalation must be false')
    if (sc.readOnlyRootFilesystem !== true) problem(cwhere, 'readOnlyRootFilesystem must be true')
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) problem(cwhere, 'capabilities must drop ALL')
    if (!c.resources?.requests) problem(cwhere, 'needs resource requests')

    const portNames = new Set()
    const portNumbers = new Set()
    for (const port of c.ports ?? []) {
      if (!port.name) problem(cwhere, `containerPort ${port.containerPort} has no name`)
      else if (port.name.length > 15 || !IANA_SVC_NAME.test(port.name) || !/[a-z]/.test(port.name))
        problem(cwhere, `port name "${port.name}" is not a valid IANA service name (at most 15)`)
      if (portNames.has(port.name)) problem(cwhere, `port name "${port.name}" is used twice`)
      if (portNumbers.has(port.containerPort))
        problem(cwhere, `containerPort ${port.containerPort} is used twice`)
      portNames.add(port.name)
      portNumbers.add(port.containerPort)
    }
    for (const kind of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      const port = c[kind]?.httpGet?.port
      if (!c[kind]) problem(cwhere, `needs a ${kind}`)
      else if (typeof port === 'string' && !portNames.has(port))
        problem(cwhere, `${kind} names an unknown port "${port}"`)
    }
    for (const mount of c.volumeMounts ?? [])
      if (!volumes.has(mount.name)) problem(cwhere, `volumeMount ${mount.name} has no volume`)

    const fromConfigMaps = new Set()
    for (const source of c.envFrom ?? []) {
      const name = source.configMapRef?.name ?? source.secretRef?.name
      if (source.configMapRef) {
        const cm = configMaps.get(name)
        if (!cm) problem(cwhere, `envFrom ConfigMap "${name}" is not rendered`)
        for (const key of Object.keys(cm?.data ?? {})) fromConfigMaps.add(key)
      } else if (source.secretRef && !secretKeys(name) && !externalSecrets.includes(name)) {
        problem(cwhere, `envFrom Secret "${name}" is neither rendered nor an existingSecret of the values`)
      }
    }
    const names = new Set()
    for (const env of c.env ?? []) {
      if (!ENV_NAME.test(env.name ?? '')) problem(cwhere, `env name "${env.name}" is invalid`)
      if (names.has(env.name)) problem(cwhere, `env ${env.name} is set twice`)
      if (fromConfigMaps.has(env.name))
        problem(cwhere, `env ${env.name} is also a key of its envFrom ConfigMap`)
      names.add(env.name)
      const secretRef = env.valueFrom?.secretKeyRef
      if (secretRef) {
        const keys = secretKeys(secretRef.name)
        if (keys && !keys.has(secretRef.key))
          problem(cwhere, `env ${env.name}: Secret "${secretRef.name}" has no key "${secretRef.key}"`)
        if (!keys && !externalSecrets.includes(secretRef.name))
          problem(
            cwhere,
            `env ${env.name}: Secret "${secretRef.name}" is neither rendered nor an existingSecret of the values`,
          )
        if (!SECRET_KEY.test(secretRef.key ?? '')) problem(cwhere, `env ${env.name}: invalid Secret key`)
      }
      const cmRef = env.valueFrom?.configMapKeyRef
      if (
        cmRef &&
        !(configMaps.get(cmRef.name)?.data ?? {})[cmRef.key] &&
        !externalConfigMaps.includes(cmRef.name)
      )
        problem(cwhere, `env ${env.name}: ConfigMap "${cmRef.name}" has no key "${cmRef.key}"`)
      if (env.value !== undefined && typeof env.value !== 'string')
        problem(cwhere, `env ${env.name}: the value must be a string (quote it)`)
    }
  }
}

function checkNetworkPolicy(policy, { problem, podsMatching }) {
  const where = idOf(policy)
  const selector = policy.spec?.podSelector?.matchLabels
  const targets = podsMatching(selector)
  if (targets.length === 0) return problem(where, "its podSelector matches no Deployment's Pods")
  checkLabels(where, selector, problem)
  for (const rule of policy.spec?.ingress ?? []) {
    for (const port of rule.ports ?? [])
      if (typeof port.port === 'string')
        for (const d of targets)
          if (!podPorts(d).some((p) => p.name === port.port))
            problem(where, `port "${port.port}" is not a named port of ${idOf(d)}`)
    for (const peer of rule.from ?? []) {
      // A pod selector without a namespace selector means Pods of this namespace: ours.
      if (
        peer.podSelector?.matchLabels &&
        !peer.namespaceSelector &&
        podsMatching(peer.podSelector.matchLabels).length === 0
      )
        problem(where, `a from.podSelector matches no Deployment's Pods`)
      checkLabels(where, peer.podSelector?.matchLabels, problem)
      checkLabels(where, peer.namespaceSelector?.matchLabels, problem)
    }
  }
}
