{{/* The service's name: the Python package and app.kubernetes.io/name. */}}
{{- define "ansinh-service.name" -}}
{{- default .Chart.Name .Values.name | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* <release>-<service>, at most 50 characters (groups and suffixes are appended). */}}
{{- define "ansinh-service.fullname" -}}
{{- $name := include "ansinh-service.name" . -}}
{{- if eq .Release.Name $name -}}
{{- $name -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Name of a group's Deployment/Service/PDB: ctx = dict "root" $ "group" $group */}}
{{- define "ansinh-service.groupName" -}}
{{- $full := include "ansinh-service.fullname" .root -}}
{{- if .group.name -}}
{{- printf "%s-%s" $full .group.name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $full -}}
{{- end -}}
{{- end -}}

{{- define "ansinh-service.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ansinh-service.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "ansinh-service.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "ansinh-service.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Values.global.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: ansinh
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector of one group's pods: ctx = dict "root" $ "group" $group */}}
{{- define "ansinh-service.groupSelector" -}}
{{ include "ansinh-service.selectorLabels" .root }}
app.kubernetes.io/component: server
ansinh.gov.vn/shard-group: {{ .group.name | default "all" | quote }}
{{- end -}}

{{- define "ansinh-service.image" -}}
{{- $repo := .Values.image.repository | default .Values.global.image.repository -}}
{{- $tag := .Values.image.tag | default .Values.global.image.tag | default .Chart.AppVersion -}}
{{- printf "%s:%s" $repo $tag -}}
{{- end -}}

{{- define "ansinh-service.pullPolicy" -}}
{{- .Values.image.pullPolicy | default .Values.global.image.pullPolicy | default "IfNotPresent" -}}
{{- end -}}

{{- define "ansinh-service.command" -}}
{{- if .Values.command -}}
{{- toJson .Values.command -}}
{{- else -}}
{{- toJson (list "python" "-m" (include "ansinh-service.name" .)) -}}
{{- end -}}
{{- end -}}

{{/* Secret holding a shard's URL: ctx = dict "root" $ "shard" $shard */}}
{{- define "ansinh-service.shardSecretName" -}}
{{- if .shard.secretName -}}
{{- .shard.secretName -}}
{{- else if .root.Values.global.database.secretName -}}
{{- .root.Values.global.database.secretName | replace "{service}" (include "ansinh-service.name" .root) | replace "{shard}" (.shard.name | replace "_" "-") -}}
{{- else -}}
{{- printf "%s-db-%s" (include "ansinh-service.fullname" .root) (.shard.name | replace "_" "-") -}}
{{- end -}}
{{- end -}}

{{- define "ansinh-service.globalDbSecretName" -}}
{{- if .Values.globalDatabase.secretName -}}
{{- .Values.globalDatabase.secretName -}}
{{- else -}}
{{- include "ansinh-service.shardSecretName" (dict "root" . "shard" (dict "name" "global")) -}}
{{- end -}}
{{- end -}}

{{/* Secret of secretEnv entries created in development: */}}
{{- define "ansinh-service.devEnvSecretName" -}}
{{- printf "%s-dev-env" (include "ansinh-service.fullname" .) -}}
{{- end -}}

{{/* Pod security context shared by servers and jobs (Online Boutique style). */}}
{{- define "ansinh-service.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "ansinh-service.containerSecurityContext" -}}
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Checks of the values: shard names, provinces in at most one group. */}}
{{- define "ansinh-service.validate" -}}
{{- $seenProvince := dict -}}
{{- $seenShard := dict -}}
{{- $seenGroup := dict -}}
{{- $svc := include "ansinh-service.name" . -}}
{{- if not (has .Values.kind (list "grpc" "http")) -}}
{{- fail (printf "%s: kind must be grpc or http, not %q" $svc .Values.kind) -}}
{{- end -}}
{{- if and (eq .Values.kind "grpc") (not .Values.ports.grpc) -}}
{{- fail (printf "%s: ports.grpc is required for kind grpc" $svc) -}}
{{- end -}}
{{- if and (eq .Values.kind "http") (not .Values.ports.http) -}}
{{- fail (printf "%s: ports.http is required for kind http" $svc) -}}
{{- end -}}
{{- if not .Values.shardGroups -}}
{{- fail (printf "%s: shardGroups needs at least one group" $svc) -}}
{{- end -}}
{{- range $g := .Values.shardGroups -}}
{{- $gname := $g.name | default "" -}}
{{- if hasKey $seenGroup $gname -}}
{{- fail (printf "%s: shard group %q listed twice" $svc $gname) -}}
{{- end -}}
{{- $_ := set $seenGroup $gname true -}}
{{- if and $gname (not (regexMatch "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" $gname)) -}}
{{- fail (printf "%s: shard group name %q must be a DNS label" $svc $gname) -}}
{{- end -}}
{{- range $s := ($g.shards | default list) -}}
{{- if not (regexMatch "^[a-z0-9][a-z0-9_]*$" ($s.name | default "")) -}}
{{- fail (printf "%s: shard name %q must be lower case letters, digits, _ (ANSINH_SHARDS__<NAME>)" $svc ($s.name | default "")) -}}
{{- end -}}
{{- if eq $s.name "global" -}}
{{- fail (printf "%s: shard name \"global\" is reserved for the global database" $svc) -}}
{{- end -}}
{{- if hasKey $seenShard $s.name -}}
{{- fail (printf "%s: shard %q is in two groups (%s, %s)" $svc $s.name (get $seenShard $s.name) $gname) -}}
{{- end -}}
{{- $_ := set $seenShard $s.name $gname -}}
{{- /* a shard may list no provinces yet: it is migrated before provinces move to it */ -}}
{{- range $p := ($s.provinces | default list) -}}
{{- $code := toString $p -}}
{{- if not (regexMatch "^[0-9]{2}$" $code) -}}
{{- fail (printf "%s: province code %q of shard %s must be two digits, quoted in YAML (\"01\")" $svc $code $s.name) -}}
{{- end -}}
{{- if hasKey $seenProvince $code -}}
{{- fail (printf "%s: province %s is in shards %s and %s" $svc $code (get $seenProvince $code) $s.name) -}}
{{- end -}}
{{- $_ := set $seenProvince $code $s.name -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* ANSINH_SHARDS__<SHARD> from Secrets: ctx = dict "root" $ "shards" list */}}
{{- define "ansinh-service.shardEnv" -}}
{{- $root := .root -}}
{{- range $s := .shards }}
- name: {{ printf "ANSINH_SHARDS__%s" (upper $s.name) }}
  valueFrom:
    secretKeyRef:
      name: {{ include "ansinh-service.shardSecretName" (dict "root" $root "shard" $s) }}
      key: {{ $s.secretKey | default $root.Values.global.database.secretKey | default "uri" }}
{{- end }}
{{- end -}}

{{/* Environment shared by every container of the service (servers, relay, migrations). */}}
{{- define "ansinh-service.commonEnv" -}}
- name: ANSINH_SERVICE_NAME
  value: {{ include "ansinh-service.name" . | quote }}
- name: ANSINH_ENVIRONMENT
  value: {{ .Values.global.environment | quote }}
- name: ANSINH_LOG_LEVEL
  value: {{ .Values.global.logLevel | quote }}
- name: ANSINH_KAFKA_BOOTSTRAP
  value: {{ .Values.global.kafkaBootstrap | quote }}
- name: ANSINH_KEYCLOAK_URL
  value: {{ .Values.global.keycloakUrl | quote }}
- name: ANSINH_KEYCLOAK_REALM
  value: {{ .Values.global.keycloakRealm | quote }}
{{- $svcName := include "ansinh-service.name" . }}
{{- with .Values.global.redis }}
{{- if .secretName }}
- name: ANSINH_REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ .secretName | replace "{service}" $svcName }}
      key: {{ .secretKey | default "url" }}
{{- else if .url }}
- name: ANSINH_REDIS_URL
  value: {{ .url | quote }}
{{- end }}
{{- end }}
{{- with .Values.global.kafka }}
{{- if and .securityProtocol (ne .securityProtocol "PLAINTEXT") }}
- name: ANSINH_KAFKA_SECURITY_PROTOCOL
  value: {{ .securityProtocol | quote }}
- name: ANSINH_KAFKA_SASL_MECHANISM
  value: {{ .saslMechanism | default "SCRAM-SHA-512" | quote }}
- name: ANSINH_KAFKA_SASL_USERNAME
  value: {{ .saslUsername | default "ansinh-{service}" | replace "{service}" $svcName | quote }}
- name: ANSINH_KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ required "global.kafka.saslSecretName is required when Kafka uses SASL" .saslSecretName | replace "{service}" $svcName }}
      key: {{ .saslPasswordKey | default "password" }}
{{- if .caSecretName }}
- name: ANSINH_KAFKA_SSL_CA_LOCATION
  value: /etc/ansinh/kafka-ca/{{ .caKey | default "ca.crt" }}
{{- end }}
{{- end }}
{{- end }}
{{- with .Values.global.serviceClient }}
{{- if .enabled }}
- name: ANSINH_SERVICE_CLIENT_ID
  value: {{ .clientId | default "ansinh-{service}" | replace "{service}" $svcName | quote }}
- name: ANSINH_SERVICE_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ .secretName | default "ansinh-{service}-keycloak" | replace "{service}" $svcName }}
      key: {{ .secretKey | default "client-secret" }}
{{- end }}
{{- end }}
{{- if .Values.global.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ .Values.global.otlpEndpoint | quote }}
{{- end }}
- name: PYTHONDONTWRITEBYTECODE
  value: "1"
- name: PYTHONUNBUFFERED
  value: "1"
- name: TMPDIR
  value: /tmp
- name: HOME
  value: /tmp
{{- if .Values.globalDatabase.enabled }}
- name: ANSINH_GLOBAL_DB_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "ansinh-service.globalDbSecretName" . }}
      key: {{ .Values.globalDatabase.secretKey | default .Values.global.database.secretKey | default "uri" }}
{{- end }}
{{- $root := . }}
{{- range $name, $ref := .Values.secretEnv }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ $ref.secretName | default (include "ansinh-service.devEnvSecretName" $root) }}
      key: {{ $ref.key | default $name }}
{{- end }}
{{- end -}}

{{/* Plain env map → list (sorted by name; values are templates: "{{ .Release.Name }}-identity:58051").
ctx = dict "root" $ "env" $map */}}
{{- define "ansinh-service.envMap" -}}
{{- $root := .root -}}
{{- range $k, $v := .env }}
- name: {{ $k }}
  value: {{ tpl (toString $v) $root | quote }}
{{- end }}
{{- end -}}


{{/* Volume mounts of every container: /tmp, and the Kafka CA when Kafka uses TLS. */}}
{{- define "ansinh-service.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .Values.global.kafka.caSecretName }}
- name: kafka-ca
  mountPath: /etc/ansinh/kafka-ca
  readOnly: true
{{- end }}
{{- end -}}

{{- define "ansinh-service.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
{{- if .Values.global.kafka.caSecretName }}
- name: kafka-ca
  secret:
    secretName: {{ .Values.global.kafka.caSecretName }}
    items:
      - key: {{ .Values.global.kafka.caKey | default "ca.crt" }}
        path: {{ .Values.global.kafka.caKey | default "ca.crt" }}
{{- end }}
{{- end -}}
