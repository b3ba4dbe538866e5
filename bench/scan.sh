#!/usr/bin/env bash
# keymint scan on a generated 100 MB corpus, in one run on one machine:
#   1. correctness: the findings are exactly the planted valid keys (three
#      prefixes) and valid GitHub/npm tokens; none of the 10^4 look-alikes
#      with a wrong checksum, no miss (at 100 MB and again at 200 MB);
#   2. speed: keymint scan against secretlint with the rules keymint
#      exported (hyperfine, medians and their ratio);
#   3. memory: peak RSS (/usr/bin/time -v) at 100 MB and at 200 MB.
#
# Usage: bench/scan.sh     (MB=N sets the corpus size, RUNS=N the run count)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
MB=${MB:-100}
RUNS=${RUNS:-5}

need() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "$@" >/dev/null
}
need hyperfine || apt_install hyperfine
[ -x /usr/bin/time ] || apt_install time
need npm || apt_install npm

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "== corpus: $MB MB"
deno run -A "$ROOT/bench/_scan_corpus.ts" "$WORK/one" "$MB" 1
du -sh "$WORK/one/corpus" | cut -f1

# Both tools are timed from process start: keymint as `deno run` of the
# source (module loading included), secretlint as its installed binary with
# the invocation its docs give (`secretlint "**/*"`, here under corpus/;
# npx's own start would only add to secretlint's time). Both read the same
# files; secretlint has only the three exported rules, keymint looks for
# those and every well-known kind as well.
KEYMINT="deno run --allow-read $ROOT/cli/main.ts scan -q"

# The findings must be exactly the planted valid keys: no false positive,
# no miss, no duplicate (checked at both corpus sizes).
check() {
  set +e
  $KEYMINT --json --config "$1/keymint.rules.json" "$1/corpus" >"$WORK/found.json"
  local code=$?
  set -e
  [ "$code" -eq 1 ] || { echo "unexpected exit code $code"; exit 1; }
  deno eval '
const found = JSON.parse(Deno.readTextFileSync(Deno.args[0])).findings
  .map((f) => f.fingerprint);
const expected = Deno.readTextFileSync(Deno.args[1]).trim().split("\n");
const want = new Set(expected), got = new Set(found);
const fp = found.filter((f) => !want.has(f)).length;
const miss = expected.filter((e) => !got.has(e)).length;
const dup = found.length - got.size;
console.log(`reported ${found.length}, expected ${expected.length}: ${fp} false positives, ${miss} misses, ${dup} duplicates`);
if (fp + miss + dup > 0) Deno.exit(1);
' "$WORK/found.json" "$1/expected.txt"
}

echo "== correctness"
check "$WORK/one"

echo "== speed: keymint scan vs secretlint (same rules), $RUNS runs each"
npm install --prefix "$WORK/sl" --no-audit --no-fund --silent \
  secretlint@13 @secretlint/secretlint-rule-pattern@13 >/dev/null
SECRETLINT="$WORK/sl/node_modules/.bin/secretlint"
# What secretlint finds with the same rules: the regex cannot check a
# checksum, so the look-alikes are in its count.
set +e
(cd "$WORK/one" && "$SECRETLINT" --format json "corpus/**/*") >"$WORK/sl.json"
set -e
deno eval '
const files = JSON.parse(Deno.readTextFileSync(Deno.args[0]));
console.log(`secretlint reported ${files.reduce((n, f) => n + f.messages.length, 0)} matches`);
' "$WORK/sl.json"
hyperfine -N -i -w 1 -r "$RUNS" --export-json "$WORK/speed.json" \
  -n keymint "$KEYMINT --config $WORK/one/keymint.rules.json $WORK/one/corpus" \
  -n "keymint --jobs 2" "$KEYMINT --jobs 2 --config $WORK/one/keymint.rules.json $WORK/one/corpus" \
  -n secretlint "bash -c 'cd $WORK/one && $SECRETLINT --format compact \"corpus/**/*\" >/dev/null'"
deno eval '
const r = JSON.parse(Deno.readTextFileSync(Deno.args[0])).results;
const row = (n) => r.find((x) => x.command === n);
const cpu = (n) => row(n).user + row(n).system;
const s = row("secretlint").median;
for (const name of ["keymint", "keymint --jobs 2"]) {
  const k = row(name).median;
  console.log(`${name}: median ${k.toFixed(2)} s against secretlint ${s.toFixed(2)} s: ${(s / k).toFixed(1)}x faster (${(Number(Deno.args[1]) / k).toFixed(0)} MB/s); CPU time (user+sys, mean) ${cpu(name).toFixed(2)} s against ${cpu("secretlint").toFixed(2)} s: ${(cpu("secretlint") / cpu(name)).toFixed(1)}x less`);
}
' "$WORK/speed.json" "$MB"

echo "== memory: peak RSS at $MB MB and $((MB * 2)) MB"
deno run -A "$ROOT/bench/_scan_corpus.ts" "$WORK/two" "$((MB * 2))" 2 >/dev/null
check "$WORK/two"
rss() {
  { /usr/bin/time -v $KEYMINT --config "$1/keymint.rules.json" "$1/corpus" \
    2>&1 >/dev/null || true; } | awk '/Maximum resident/ { print $6 }'
}
for dir in one two; do
  for i in 1 2 3; do rss "$WORK/$dir"; done | sort -n | sed -n 2p >"$WORK/rss_$dir"
done
echo "median peak RSS: $(cat "$WORK/rss_one") KiB at $MB MB, $(cat "$WORK/rss_two") KiB at $((MB * 2)) MB"
