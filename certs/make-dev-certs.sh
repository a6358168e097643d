#!/usr/bin/env bash
# Makes a development CA and a serving certificate for runner-guard (EC P-256, PKCS#8 keys).
#
#   certs/make-dev-certs.sh [-s SERVICE] [-n NAMESPACE] [-o OUTDIR] [-d DAYS]
#
# SANs: SERVICE, SERVICE.NAMESPACE, SERVICE.NAMESPACE.svc, SERVICE.NAMESPACE.svc.cluster.local,
# localhost, 127.0.0.1 and any names given in EXTRA_SANS (e.g. EXTRA_SANS="DNS:host.docker.internal").
# Writes ca.crt, ca.key, tls.crt, tls.key into OUTDIR (default certs/out, git-ignored) and prints the
# base64 caBundle for a webhook configuration. Development only: the CA key stays on disk.
set -euo pipefail

svc=runner-guard
ns=runner-guard
out=certs/out
days=365

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
while getopts "s:n:o:d:h" opt; do
  case "$opt" in
    s) svc=$OPTARG ;;
    n) ns=$OPTARG ;;
    o) out=$OPTARG ;;
    d) days=$OPTARG ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

command -v openssl >/dev/null || { echo "openssl is required" >&2; exit 1; }
mkdir -p "$out"
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sans="DNS:${svc},DNS:${svc}.${ns},DNS:${svc}.${ns}.svc,DNS:${svc}.${ns}.svc.cluster.local,DNS:localhost,IP:127.0.0.1"
if [ -n "${EXTRA_SANS:-}" ]; then sans="${sans},${EXTRA_SANS}"; fi

# CA: self-signed, may sign certificates only.
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 \
  -keyout "$work/ca.key" -out "$out/ca.crt" -days "$days" -subj "/CN=${svc}-dev-ca" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

# Serving key and request. The API server checks SANs only (CN is ignored since Kubernetes 1.19).
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 \
  -keyout "$work/tls.key" -out "$work/tls.csr" -subj "/CN=${svc}.${ns}.svc" 2>/dev/null

cat > "$work/leaf.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=${sans}
EXT
openssl x509 -req -in "$work/tls.csr" -CA "$out/ca.crt" -CAkey "$work/ca.key" -CAcreateserial \
  -CAserial "$work/ca.srl" -out "$out/tls.crt" -days "$days" -sha256 -extfile "$work/leaf.ext" 2>/dev/null

# PKCS#8 PEM ("BEGIN PRIVATE KEY") whatever the openssl version's default.
openssl pkcs8 -topk8 -nocrypt -in "$work/tls.key" -out "$out/tls.key"
openssl pkcs8 -topk8 -nocrypt -in "$work/ca.key" -out "$out/ca.key"
chmod 644 "$out/ca.crt" "$out/tls.crt"

openssl verify -CAfile "$out/ca.crt" "$out/tls.crt" >/dev/null

echo "Wrote $out/ca.crt $out/ca.key $out/tls.crt $out/tls.key" >&2
echo "SANs: $sans" >&2
echo "caBundle (base64 of $out/ca.crt):" >&2
base64 < "$out/ca.crt" | tr -d '\n'
echo
