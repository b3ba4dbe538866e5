#!/usr/bin/env bash
# Signing key pairs: keymint against openssl genpkey, per kind, in one run.
#   1. in-process: the median time of core's generateKeyPair per kind, from
#      one `deno bench` run (bench/keypair_bench.ts);
#   2. as commands: `keymint keypair KIND --pem` against
#      `openssl genpkey ... ` for the same kind (hyperfine medians, process
#      start included on both sides), and their ratio.
#
# Usage: bench/keypair.sh        (RUNS=N changes the hyperfine run count)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-15}

need() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "$@" >/dev/null
}
need hyperfine || apt_install hyperfine
need openssl || apt_install openssl

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "== deno bench (in-process generateKeyPair)" >&2
KEYPAIR_BENCH_MEDIANS="$WORK/medians.json" \
  deno bench -A bench/keypair_bench.ts >&2

KEYMINT="deno run $ROOT/cli/main.ts keypair"
declare -a NAMES=(ed25519 p256 p384 p521 rsa-2048 rsa-3072 rsa-4096)
declare -A OURS=(
  [ed25519]="ed25519"
  [p256]="p256"
  [p384]="p384"
  [p521]="p521"
  [rsa-2048]="rsa --bits 2048"
  [rsa-3072]="rsa --bits 3072"
  [rsa-4096]="rsa --bits 4096"
)
declare -A THEIRS=(
  [ed25519]="-algorithm ED25519"
  [p256]="-algorithm EC -pkeyopt ec_paramgen_curve:P-256"
  [p384]="-algorithm EC -pkeyopt ec_paramgen_curve:P-384"
  [p521]="-algorithm EC -pkeyopt ec_paramgen_curve:P-521"
  [rsa-2048]="-algorithm RSA -pkeyopt rsa_keygen_bits:2048"
  [rsa-3072]="-algorithm RSA -pkeyopt rsa_keygen_bits:3072"
  [rsa-4096]="-algorithm RSA -pkeyopt rsa_keygen_bits:4096"
)

for name in "${NAMES[@]}"; do
  echo "== $name" >&2
  hyperfine -N --style basic --warmup 1 --runs "$RUNS" \
    --export-json "$WORK/$name.json" \
    -n keymint "$KEYMINT ${OURS[$name]} --pem" \
    -n openssl "openssl genpkey ${THEIRS[$name]}" >&2
done

python3 - "$WORK" "${NAMES[@]}" <<'PY'
import json, sys
work, names = sys.argv[1], sys.argv[2:]
medians = json.load(open(f"{work}/medians.json"))
print("| kind | core generateKeyPair (deno bench median) | keymint keypair --pem (hyperfine median) | openssl genpkey (hyperfine median) | keymint / openssl |")
print("| --- | ---: | ---: | ---: | ---: |")
for name in names:
    runs = {r["command"]: r["median"] * 1000 for r in json.load(open(f"{work}/{name}.json"))["results"]}
    ours, theirs = runs["keymint"], runs["openssl"]
    print(f"| {name} | {medians[name]:.2f} ms | {ours:.1f} ms | {theirs:.1f} ms | {ours / theirs:.2f} |")
PY
