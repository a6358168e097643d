{{/* Names ---------------------------------------------------------------------------------- */}}

{{- define "runner-guard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "runner-guard.fullname" -}}
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

{{- define "runner-guard.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "runner-guard.labels" -}}
helm.sh/chart: {{ include "runner-guard.chart" . }}
{{ include "runner-guard.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "runner-guard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "runner-guard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "runner-guard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "runner-guard.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "runner-guard.tlsSecretName" -}}
{{- printf "%s-tls" (include "runner-guard.fullname" .) }}
{{- end }}

{{- define "runner-guard.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The DNS names the API server may use for the Service; it verifies <svc>.<ns>.svc. */}}
{{- define "runner-guard.dnsNames" -}}
{{- $svc := include "runner-guard.fullname" . }}
{{- $ns := .Release.Namespace }}
{{- toJson (list $svc (printf "%s.%s" $svc $ns) (printf "%s.%s.svc" $svc $ns) (printf "%s.%s.svc.cluster.local" $svc $ns)) }}
{{- end }}

{{/* Namespace selection ---------------------------------------------------------------------- */}}

{{/* excludedNamespaces plus the release namespace, as a JSON list. */}}
{{- define "runner-guard.excludedNamespaces" -}}
{{- toJson (uniq (append (.Values.excludedNamespaces | default list) .Release.Namespace)) }}
{{- end }}

{{/*
namespaceSelector of the mutating webhook and of the enforce entry. Label values are written as
JSON strings: a bare `off` would be YAML 1.1 for false.
  namespaces                     -> label = enforce
  cluster, defaultMode=enforce   -> label not audit/off (NotIn also matches namespaces without it)
  cluster, defaultMode=audit     -> label = enforce
*/}}
{{- define "runner-guard.enforceNamespaceSelector" -}}
matchExpressions:
  - key: kubernetes.io/metadata.name
    operator: NotIn
    values: {{ include "runner-guard.excludedNamespaces" . }}
  - key: runner-guard.io/mode
{{- if and (eq .Values.scope "cluster") (eq .Values.defaultMode "enforce") }}
    operator: NotIn
    values: {{ toJson (list "audit" "off") }}
{{- else }}
    operator: In
    values: {{ toJson (list "enforce") }}
{{- end }}
{{- end }}

{{/*
namespaceSelector of the audit entry.
  cluster, defaultMode=audit     -> label not enforce/off (absent counts as audit)
  otherwise                      -> label = audit
*/}}
{{- define "runner-guard.auditNamespaceSelector" -}}
matchExpressions:
  - key: kubernetes.io/metadata.name
    operator: NotIn
    values: {{ include "runner-guard.excludedNamespaces" . }}
  - key: runner-guard.io/mode
{{- if and (eq .Values.scope "cluster") (eq .Values.defaultMode "audit") }}
    operator: NotIn
    values: {{ toJson (list "enforce" "off") }}
{{- else }}
    operator: In
    values: {{ toJson (list "audit") }}
{{- end }}
{{- end }}

{{/* Pods (not their subresources) and every kind that carries a pod template (SPEC §1). */}}
{{- define "runner-guard.rules" -}}
- apiGroups: [""]
  apiVersions: ["v1"]
  resources: ["pods", "replicationcontrollers", "podtemplates"]
  operations: ["CREATE", "UPDATE"]
  scope: Namespaced
- apiGroups: ["apps"]
  apiVersions: ["v1"]
  resources: ["deployments", "replicasets", "statefulsets", "daemonsets"]
  operations: ["CREATE", "UPDATE"]
  scope: Namespaced
- apiGroups: ["batch"]
  apiVersions: ["v1"]
  resources: ["jobs", "cronjobs"]
  operations: ["CREATE", "UPDATE"]
  scope: Namespaced
{{- end }}

{{/* matchConditions --------------------------------------------------------------------------- */}}

{{/*
Known n8n repositories (SPEC §1) plus the configured ones, as one RE2 alternation. Dots are written
as [.] so the pattern needs no backslashes inside the CEL and YAML strings; the schema limits
configured repositories to [A-Za-z0-9._:/-], so nothing else needs escaping. Docker Hub names may
carry docker.io/ or index.docker.io/ in front; the optional prefix group accepts both.
*/}}
{{- define "runner-guard.imageRepositoryPattern" -}}
{{- $repos := list "n8nio/runners" "ghcr.io/n8n-io/runners" "docker.n8n.io/n8nio/runners" "n8nio/n8n" "ghcr.io/n8n-io/n8n" "docker.n8n.io/n8nio/n8n" }}
{{- range $key := list "runner-images" "n8n-images" "distroless-images" }}
{{- range (index $.Values.config $key | default list) }}
{{- $repos = append $repos (. | trimPrefix "index.docker.io/" | trimPrefix "docker.io/") }}
{{- end }}
{{- end }}
{{- $alternatives := list }}
{{- range (uniq $repos) }}
{{- $alternatives = append $alternatives (replace "." "[.]" .) }}
{{- end }}
{{- /* repository, then an optional :tag, then an optional @digest; a registry port belongs to the repository */}}
{{- printf "^((docker[.]io|index[.]docker[.]io)/)?(%s)(:[^/@]+)?(@.+)?$" (join "|" $alternatives) }}
{{- end }}

{{/*
True when a container looks like n8n: a known image, the runner launcher in command/args, or an
N8N_RUNNERS_* variable (runner trait N8N_RUNNERS_TASK_BROKER_URI, main traits N8N_RUNNERS_MODE and
N8N_RUNNERS_ENABLED). Matching more than the webhook acts on is harmless; matching less is a bypass.
*/}}
{{- define "runner-guard.celContainerIsN8n" -}}
(has(c.image) && c.image.matches('{{ include "runner-guard.imageRepositoryPattern" . }}'))
|| (has(c.command) && c.command.exists(a, a.contains('task-runner-launcher')))
|| (has(c.args) && c.args.exists(a, a.contains('task-runner-launcher')))
|| (has(c.env) && c.env.exists(e, has(e.name) && e.name.startsWith('N8N_RUNNERS_')))
{{- end }}

{{/*
The whole condition. `object` is untyped in matchConditions, and a CEL error takes the webhook's
failurePolicy branch (Fail on the enforce entry), so every field access is guarded by has(). The
pod spec is collected from wherever the kind keeps it (SPEC §1): Pod spec, workload
spec.template.spec, CronJob spec.jobTemplate.spec.template.spec, PodTemplate template.spec. Only
the new object is looked at: admission judges the state being written (oldObject is null on CREATE).
*/}}
{{- define "runner-guard.celMatchExpression" -}}
{{- $c := include "runner-guard.celContainerIsN8n" . | replace "\n" " " -}}
object != null && (
  (has(object.spec) && has(object.spec.containers) ? [object.spec] : [])
  + (has(object.spec) && has(object.spec.template) && has(object.spec.template.spec) ? [object.spec.template.spec] : [])
  + (has(object.spec) && has(object.spec.jobTemplate) && has(object.spec.jobTemplate.spec) && has(object.spec.jobTemplate.spec.template) && has(object.spec.jobTemplate.spec.template.spec) ? [object.spec.jobTemplate.spec.template.spec] : [])
  + (has(object.template) && has(object.template.spec) ? [object.template.spec] : [])
).exists(s,
  (has(s.containers) && s.containers.exists(c, {{ $c }}))
  || (has(s.initContainers) && s.initContainers.exists(c, {{ $c }}))
)
{{- end }}

{{- define "runner-guard.matchConditions" -}}
{{- if .Values.webhook.matchConditions.enabled }}
matchConditions:
  - name: n8n-pod-spec
    expression: |-
      {{- include "runner-guard.celMatchExpression" . | nindent 6 }}
{{- end }}
{{- end }}

{{/* Certificates ------------------------------------------------------------------------------ */}}

{{/*
Helm-generated CA and serving certificate, base64 (Secret data form). Computed once per render and
cached on the root context, so the Secret, both caBundles and the pod's checksum annotation all see
the same certificate. On upgrade the existing Secret (lookup) is reused as is, so the certificate and
the caBundle stay stable. On install there is nothing to reuse (Helm refuses to adopt a Secret it
does not own), and `helm template` has no cluster: both generate.
*/}}
{{- define "runner-guard.generatedTLS" -}}
{{- if not (hasKey $ "runnerGuardGeneratedTLS") }}
{{- $existing := dict }}
{{- if .Release.IsUpgrade }}
{{- $existing = lookup "v1" "Secret" .Release.Namespace (include "runner-guard.tlsSecretName" .) }}
{{- end }}
{{- $tls := dict }}
{{- if and $existing $existing.data (hasKey $existing.data "tls.crt") (hasKey $existing.data "tls.key") (hasKey $existing.data "ca.crt") }}
{{- $tls = dict "ca" (index $existing.data "ca.crt") "crt" (index $existing.data "tls.crt") "key" (index $existing.data "tls.key") }}
{{- else }}
{{- $days := int .Values.generatedCertificate.validityDays }}
{{- $ca := genCA (printf "%s-ca" (include "runner-guard.fullname" .)) $days }}
{{- $dns := include "runner-guard.dnsNames" . | fromJsonArray }}
{{- $cert := genSignedCert (printf "%s.%s.svc" (include "runner-guard.fullname" .) .Release.Namespace) nil $dns $days $ca }}
{{- $tls = dict "ca" ($ca.Cert | b64enc) "crt" ($cert.Cert | b64enc) "key" ($cert.Key | b64enc) }}
{{- end }}
{{- $_ := set $ "runnerGuardGeneratedTLS" $tls }}
{{- end }}
{{- toJson (get $ "runnerGuardGeneratedTLS") }}
{{- end }}

{{/* clientConfig for one path. */}}
{{- define "runner-guard.clientConfig" -}}
{{- $root := index . 0 }}
{{- $path := index . 1 }}
clientConfig:
  service:
    name: {{ include "runner-guard.fullname" $root }}
    namespace: {{ $root.Release.Namespace }}
    path: {{ $path }}
    port: 443
{{- if not $root.Values.certManager.enabled }}
  caBundle: {{ (include "runner-guard.generatedTLS" $root | fromJson).ca }}
{{- end }}
{{- end }}
