{{/*
Names and labels. Functions used here and in the templates must exist in scripts/helm-render
(the offline renderer CI checks the chart with): include, required, default, printf, trunc,
trimSuffix, replace, quote, toYaml, nindent, dict, set, …
*/}}

{{- define "m365-mcp.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* <release>-<chart>, or the release name when it already contains the chart name. */}}
{{- define "m365-mcp.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "m365-mcp.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
A component's name, `<fullname>-gateway`: the full name is cut to 47 characters first so the
suffixes always survive (Service names are DNS labels, at most 63 characters, and the longest is
`<fullname>-gateway-metrics`). Called with (dict "root" $ "component" "gateway").
*/}}
{{- define "m365-mcp.componentName" -}}
{{- printf "%s-%s" (include "m365-mcp.fullname" .root | trunc 47 | trimSuffix "-") .component }}
{{- end }}

{{- define "m365-mcp.selectorLabels" -}}
app.kubernetes.io/name: {{ include "m365-mcp.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "m365-mcp.labels" -}}
helm.sh/chart: {{ include "m365-mcp.chart" .root }}
{{ include "m365-mcp.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Values.image.tag | default .root.Chart.AppVersion | trunc 63 | quote }}
app.kubernetes.io/part-of: m365-mcp
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* Labels of resources that belong to no one service (the Secret, the ServiceAccount). */}}
{{- define "m365-mcp.commonLabels" -}}
helm.sh/chart: {{ include "m365-mcp.chart" . }}
app.kubernetes.io/name: {{ include "m365-mcp.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | quote }}
app.kubernetes.io/part-of: m365-mcp
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* `<registry>/m365-mcp-<component>:<tag>`; called with (dict "root" $ "component" "auth"). */}}
{{- define "m365-mcp.image" -}}
{{- $values := index .root.Values .component }}
{{- $registry := required "image.registry is required: the registry you pushed the m365-mcp images to (e.g. ghcr.io/contoso)" .root.Values.image.registry }}
{{- $repository := $values.image.repository | default (printf "%s/m365-mcp-%s" (trimSuffix "/" $registry) .component) }}
{{- printf "%s:%s" $repository (.root.Values.image.tag | default .root.Chart.AppVersion) }}
{{- end }}

{{- define "m365-mcp.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "m365-mcp.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The chart's Secret (holds whichever secret groups have no existingSecret). */}}
{{- define "m365-mcp.secretName" -}}
{{- include "m365-mcp.fullname" . }}
{{- end }}

{{- define "m365-mcp.publicUrl" -}}
{{- $url := required "publicUrl is required: the public https origin MCP clients use, e.g. https://mcp.example.com" .Values.publicUrl }}
{{- trimSuffix "/" $url }}
{{- end }}

{{/* In-cluster host names (fully qualified: no resolver search path walk on every lookup). */}}
{{- define "m365-mcp.authHost" -}}
{{- printf "%s.%s.svc.%s" (include "m365-mcp.componentName" (dict "root" . "component" "auth")) .Release.Namespace .Values.clusterDomain }}
{{- end }}

{{- define "m365-mcp.toolsHost" -}}
{{- printf "%s.%s.svc.%s" (include "m365-mcp.componentName" (dict "root" . "component" "tools")) .Release.Namespace .Values.clusterDomain }}
{{- end }}

{{/* Env entries of the shared keys: REDIS_URL, and the given keys of `secrets` ((dict "root" $ "keys" (list …))). */}}
{{- define "m365-mcp.redisEnv" -}}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      {{- if .Values.redis.existingSecret }}
      name: {{ .Values.redis.existingSecret }}
      key: {{ .Values.redis.existingSecretKey }}
      {{- else }}
      name: {{ include "m365-mcp.secretName" . }}
      key: REDIS_URL
      {{- end }}
{{- end }}

{{- define "m365-mcp.sharedSecretEnv" -}}
{{- $name := .root.Values.secrets.existingSecret | default (include "m365-mcp.secretName" .root) }}
{{- range .keys }}
- name: {{ . }}
  valueFrom:
    secretKeyRef:
      name: {{ $name }}
      key: {{ . }}
{{- end }}
{{- end }}

{{/* ENTRA_CLIENT_SECRET or ENTRA_CLIENT_CERTIFICATE_KEY, from the chart's Secret or an existing one. */}}
{{- define "m365-mcp.entraCredentialEnv" -}}
{{- $cred := .Values.entra.credential }}
{{- $key := ternary "ENTRA_CLIENT_CERTIFICATE_KEY" "ENTRA_CLIENT_SECRET" (eq $cred.type "certificate") -}}
- name: {{ $key }}
  valueFrom:
    secretKeyRef:
      {{- if $cred.existingSecret }}
      name: {{ $cred.existingSecret }}
      key: {{ $cred.existingSecretKey | default $key }}
      {{- else }}
      name: {{ include "m365-mcp.secretName" . }}
      key: {{ $key }}
      {{- end }}
{{- end }}

{{/*
SHUTDOWN_TIMEOUT: what is left of the Pod's grace period after the preStop sleep, less 5 s for
closing connections and Redis, so the process exits on its own before the SIGKILL.
*/}}
{{- define "m365-mcp.shutdownTimeout" -}}
{{- $values := index .root.Values .component }}
{{- $seconds := sub $values.terminationGracePeriodSeconds (add .root.Values.preStopSleepSeconds 5) }}
{{- if lt $seconds 1 }}
{{- fail (printf "%s.terminationGracePeriodSeconds must exceed preStopSleepSeconds by more than 5" .component) }}
{{- end }}
{{- printf "%ds" $seconds }}
{{- end }}

{{/* The parts of a Pod spec every service shares. */}}
{{- define "m365-mcp.podCommon" -}}
serviceAccountName: {{ include "m365-mcp.serviceAccountName" . }}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- end }}

{{- define "m365-mcp.scheduling" -}}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Volumes: /tmp (the root file system is read-only) and the optional extra CA. */}}
{{- define "m365-mcp.volumes" -}}
volumes:
  - name: tmp
    emptyDir:
      sizeLimit: 64Mi
  {{- if .Values.extraCaCertificate.configMap }}
  - name: extra-ca
    configMap:
      name: {{ .Values.extraCaCertificate.configMap }}
      items:
        - key: {{ .Values.extraCaCertificate.key }}
          path: ca.pem
  {{- end }}
{{- end }}

{{- define "m365-mcp.volumeMounts" -}}
volumeMounts:
  - name: tmp
    mountPath: /tmp
  {{- if .Values.extraCaCertificate.configMap }}
  - name: extra-ca
    mountPath: /etc/m365-mcp/ca
    readOnly: true
  {{- end }}
{{- end }}

{{/* Probes on the main port: liveness /healthz, readiness /readyz, a startup allowance of 60 s. */}}
{{- define "m365-mcp.probes" -}}
startupProbe:
  httpGet:
    path: /healthz
    port: http
  periodSeconds: 2
  timeoutSeconds: 2
  failureThreshold: 30
livenessProbe:
  httpGet:
    path: /healthz
    port: http
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /readyz
    port: http
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 2
{{- end }}

{{- define "m365-mcp.lifecycle" -}}
{{- if .Values.preStopSleepSeconds -}}
lifecycle:
  preStop:
    exec:
      command: ["sleep", {{ .Values.preStopSleepSeconds | toString | quote }}]
{{- end }}
{{- end }}

{{/* Pod annotations: checksums (Pods roll when their config or the chart's Secret changes), scrape hints, user's. */}}
{{- define "m365-mcp.podAnnotations" -}}
{{- $root := .root }}
checksum/config: {{ include (printf "%s/configmap-%s.yaml" $root.Template.BasePath .component) $root | sha256sum }}
checksum/secret: {{ include (printf "%s/secret.yaml" $root.Template.BasePath) $root | sha256sum }}
{{- if and $root.Values.metrics.enabled $root.Values.metrics.podAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .metricsPort | toString | quote }}
prometheus.io/path: /metrics
{{- end }}
{{- with (index $root.Values .component).podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Settings from `<component>.config`, after the chart's own (the schema forbids overriding those). */}}
{{- define "m365-mcp.configData" -}}
{{- $data := .data }}
{{- range $key, $value := .extra }}
{{- $_ := set $data $key (toString $value) }}
{{- end }}
{{- range $key, $value := $data }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end }}
