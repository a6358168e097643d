#!/usr/bin/env bash
# Speed and memory benchmark: starts the packaged jar with the container's heap cap, then prints
# readiness time, throughput, latency percentiles and RSS. Bounded in time; loopback only.
# Needs: target/runner-guard.jar (./mvnw -B -DskipTests package), wrk and hey (apt-get install wrk hey).
#   src/bench/run.sh [warm-up seconds, default 60]
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP=${1:-60}
PORT=18443 MGMT=18080
JAR=target/runner-guard.jar
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 2; }
command -v wrk >/dev/null && command -v hey >/dev/null || { echo "install wrk and hey (apt-get install wrk hey)" >&2; exit 2; }
work=$(mktemp -d); trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

# A ~7 KB review shaped like the official chart's worker pod: many env entries, pod-level UID 1000,
# a runner sidecar without hardening, the service-account token volume.
env_entries=""
for i in $(seq 1 40); do
  env_entries+="{\"name\":\"SETTING_$i\",\"valueFrom\":{\"configMapKeyRef\":{\"name\":\"n8n\",\"key\":\"SETTING_$i\"}}},"
done
cat > "$work/review.json" <<JSON
{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"bench-0001",
"kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},
"namespace":"automation","operation":"CREATE","userInfo":{"username":"system:serviceaccount:kube-system:replicaset-controller"},
"object":{"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"n8n-worker-7d9f8b6c5-","namespace":"automation",
"labels":{"app.kubernetes.io/name":"n8n","app.kubernetes.io/component":"worker"}},
"spec":{"securityContext":{"fsGroup":1000,"runAsUser":1000,"runAsGroup":1000,"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}},
"containers":[{"name":"n8n-worker","image":"docker.n8n.io/n8nio/n8n:2.4.6","command":["n8n"],"args":["worker","--concurrency=10"],
"env":[${env_entries}{"name":"N8N_RUNNERS_MODE","value":"external"}],
"resources":{"limits":{"cpu":"2","memory":"2Gi"},"requests":{"cpu":"500m","memory":"1Gi"}},
"volumeMounts":[{"name":"kube-api-access-abcde","mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","readOnly":true}],
"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"},
{"name":"task-runner","image":"n8nio/runners:2.4.6","securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}},
"env":[{"name":"N8N_RUNNERS_TASK_BROKER_URI","value":"http://localhost:5679"},
{"name":"N8N_RUNNERS_AUTH_TOKEN","valueFrom":{"secretKeyRef":{"name":"n8n-runner-token","key":"auth-token"}}}],
"volumeMounts":[{"name":"kube-api-access-abcde","mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","readOnly":true}],
"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],
"volumes":[{"name":"kube-api-access-abcde","projected":{"defaultMode":420,"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}}]}}],
"restartPolicy":"Always","dnsPolicy":"ClusterFirst","serviceAccountName":"n8n","schedulerName":"default-scheduler"}},
"oldObject":null,"dryRun":false}}
JSON
cat > "$work/post.lua" <<LUA
local f = assert(io.open("$work/review.json", "rb")); local body = f:read("*a"); f:close()
wrk.method = "POST"; wrk.body = body; wrk.headers["Content-Type"] = "application/json"
LUA
echo "payload: $(wc -c < "$work/review.json") bytes"

start=$(date +%s.%N)
java -Xmx128m -XX:+UseSerialGC -jar "$JAR" --server.port=$PORT --management.server.port=$MGMT \
  --logging.level.runner-guard.decisions=WARN > "$work/app.log" 2>&1 &
pid=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$MGMT/actuator/health/readiness)" = 200 ]; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.05
done
ready=$(echo "$(date +%s.%N) - $start" | bc)
first=$(curl -sk -o /dev/null -w '%{time_total}' -H 'Content-Type: application/json' --data @"$work/review.json" https://localhost:$PORT/mutate)
rss() { awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' /proc/$pid/status; }
echo "readiness: ${ready} s; first /mutate after readiness: ${first} s; RSS after start: $(rss)"

wrk -t2 -c16 -d"${WARMUP}s" -s "$work/post.lua" https://localhost:$PORT/mutate > /dev/null
echo "--- wrk, 15 s, 16 connections, /mutate (after ${WARMUP} s warm-up)"
wrk -t2 -c16 -d15s --latency -s "$work/post.lua" https://localhost:$PORT/mutate | grep -E 'Requests/sec|Non-2xx|50%|99%|Socket errors'
echo "--- hey, ~1000 req/s for 15 s, /validate"
hey -z 15s -c 10 -q 100 -host localhost -m POST -T application/json -D "$work/review.json" \
  https://127.0.0.1:$PORT/validate | grep -E 'Requests/sec|50% in|99% in|^ *\[[0-9]{3}\]'
echo "RSS after load: $(rss)"
