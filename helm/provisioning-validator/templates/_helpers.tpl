{{- define "pval.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "pval.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "pval.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pval.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "pval.labels" -}}
{{ include "pval.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: provisioning-validator
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "pval.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "pval.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "pval.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "pval.leaseName" -}}
{{- default (printf "%s-leader" (include "pval.fullname" .)) .Values.leaderElection.leaseName -}}
{{- end -}}

{{- define "pval.job" -}}
{{- default (include "pval.fullname" .) .Values.metrics.prometheusRule.job -}}
{{- end -}}

{{- define "pval.scheduleNamespace" -}}
{{- default .Release.Namespace .Values.schedule.namespace -}}
{{- end -}}

{{/* Every N minutes, or every N hours; anything else needs schedule.cron. */}}
{{- define "pval.cron" -}}
{{- $n := int .Values.schedule.intervalMinutes -}}
{{- if .Values.schedule.cron -}}
{{- .Values.schedule.cron -}}
{{- else if and (lt $n 60) (eq (mod 60 $n) 0) -}}
{{- printf "*/%d * * * *" $n -}}
{{- else if and (eq (mod $n 60) 0) (eq (mod 1440 $n) 0) -}}
{{- printf "0 */%d * * *" (div $n 60) -}}
{{- else -}}
{{- fail (printf "schedule.intervalMinutes=%d is not a divisor of an hour or a day: set schedule.cron" $n) -}}
{{- end -}}
{{- end -}}

{{/* Namespaced permissions of the operator: granted cluster-wide or per watched namespace. */}}
{{- define "pval.namespacedRules" -}}
- apiGroups: [validation.s3csi.dev]
  resources: [provisioningvalidations]
  verbs: [get, list, watch, patch, delete]
- apiGroups: [validation.s3csi.dev]
  resources: [provisioningvalidations/status]
  verbs: [update]
- apiGroups: [validation.s3csi.dev]
  resources: [provisioningvalidations/finalizers]
  verbs: [update]
- apiGroups: [""]
  resources: [persistentvolumeclaims, pods]
  verbs: [list, watch, create, delete]
- apiGroups: [""]
  resources: [events]
  verbs: [list, watch, create]
- apiGroups: [""]
  resources: [secrets]
  verbs: [get]
{{- end -}}

{{/* Cluster-scoped permissions of the operator: always a ClusterRole. */}}
{{- define "pval.clusterRules" -}}
- apiGroups: [storage.k8s.io]
  resources: [storageclasses]
  verbs: [list, watch, create, delete]
- apiGroups: [storage.k8s.io]
  resources: [csidrivers]
  verbs: [get]
- apiGroups: [""]
  resources: [persistentvolumes]
  verbs: [get, list, watch, create, delete]
{{- end -}}

{{/*
Where an alert's runbook section is: a runbook_url when metrics.prometheusRule.runbookBaseUrl says
where docs/ is published, else the section's path in this chart's repository, for the version
installed (never a link that leads nowhere). Arguments: base URL, anchor, root context.
*/}}
{{- define "pval.runbook" -}}
{{- $base := trimSuffix "/" (index . 0) -}}
{{- $anchor := index . 1 -}}
{{- if $base -}}
runbook_url: {{ $base }}/runbook.md#{{ $anchor }}
{{- else -}}
runbook: docs/runbook.md#{{ $anchor }} of provisioning-validator {{ (index . 2).Chart.AppVersion }}
{{- end -}}
{{- end }}
