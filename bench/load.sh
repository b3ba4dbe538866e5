#!/usr/bin/env bash
# Load and soak test of the web server on loopback: starts `deno task start`
# on a free port of 127.0.0.1, drives the API (/api/v1/keys) and the page (/)
# with wrk, and watches the server's resident memory.
#
# Usage:  bench/load.sh
#
# Two rounds against the same server process; each round is LOAD_SECONDS of
# wrk on /api/v1/keys and then LOAD_SECONDS on /. Reports per run: requests,
# throughput, p50 and p99 latency, responses outside 2xx, socket errors, and
# the server's RSS (VmRSS of the deno process serving web/main.ts) before the
# first round, the peak during each run, and at the end of each round.
#
# Passes (exit 0) when no run saw a response outside 2xx or a socket error,
# the server stayed up, and the RSS at the end of round 2 is at most 10%
# above the RSS at the end of round 1 (no growth under sustained load). The
# check is one-sided: V8 gives heap back to the system when it likes, so the
# second figure is often lower; a drop is reported but is not a leak.
# "End of round" is read after LOAD_SETTLE idle seconds.
#
# Settings (environment):
#   LOAD_SECONDS      seconds per wrk run (default 60; 4 runs in all)
#   LOAD_CONNECTIONS  open connections (default 64)
#   LOAD_THREADS      wrk threads (default 2)
#   LOAD_SETTLE       idle seconds after each round before its RSS is read (default 10)
#   LOAD_DIR          scratch directory for the server log (default .bench/load)
#
# Only 127.0.0.1 is contacted, and every step has a time limit.
set -euo pipefail

cd "$(dirname "$0")/.."

seconds="${LOAD_SECONDS:-60}"
connections="${LOAD_CONNECTIONS:-64}"
threads="${LOAD_THREADS:-2}"
settle="${LOAD_SETTLE:-10}"
work="${LOAD_DIR:-.bench/load}"
host=127.0.0.1
max_growth_percent=10
endpoints=(/api/v1/keys /)

command -v wrk >/dev/null || {
  echo "load: wrk is not installed (apt-get install wrk)" >&2
  exit 2
}

mkdir -p "$work"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://$host:$port"

# setsid: the task, its deno child and anything they spawn share one new
# process group, so the cleanup below ends exactly what this script started.
PORT=$port setsid deno task start >"$work/server.log" 2>&1 &
task_pid=$!
cleanup() {
  kill -TERM -- "-$task_pid" 2>/dev/null || true
  wait "$task_pid" 2>/dev/null || true
}
trap cleanup EXIT

status_of() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" || true; }

ready=0
for _ in $(seq 1 240); do
  if [[ $(status_of "$base/") == 200 ]]; then
    ready=1
    break
  fi
  kill -0 "$task_pid" 2>/dev/null || break
  sleep 0.5
done
if [[ $ready != 1 ]]; then
  echo "load: the server did not answer on $base/ within 120 s" >&2
  tail -20 "$work/server.log" >&2
  exit 1
fi

# The deno process that runs web/main.ts: a descendant of the task process.
find_server() {
  local queue=("$task_pid") pid child
  while [[ ${#queue[@]} -gt 0 ]]; do
    pid=${queue[0]}
    queue=("${queue[@]:1}")
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'web/main\.ts' &&
      ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q '^deno task'; then
      echo "$pid"
      return 0
    fi
    for child in $(cat "/proc/$pid/task/"*/children 2>/dev/null); do
      queue+=("$child")
    done
  done
  return 1
}
server_pid=$(find_server) || {
  echo "load: cannot find the deno process running web/main.ts" >&2
  exit 1
}
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# Warm up: the first requests load modules and fill caches; "before" is
# measured after them, so it is the server's settled size at rest.
for _ in $(seq 1 50); do
  for endpoint in "${endpoints[@]}"; do status_of "$base$endpoint" >/dev/null; done
done
sleep 2
rss_before=$(rss_kib)

echo "server: deno task start, pid $server_pid, $base"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  machine: $(nproc) cores, $(awk '/^MemTotal:/ {printf "%.1f", $2 / 1048576}' /proc/meminfo) GiB"
echo "wrk: $threads threads, $connections connections, $seconds s per run"
echo "RSS before load: $(mib "$rss_before") MiB"
echo
printf '%-5s %-13s %9s %8s %8s %8s %7s %6s %11s\n' \
  round endpoint requests req/s "p50 ms" "p99 ms" non-2xx errors "peak MiB"

failures=()
declare -a rss_end
for round in 1 2; do
  for endpoint in "${endpoints[@]}"; do
    samples="$work/rss-$round-${endpoint//\//_}.txt"
    : >"$samples"
    (while kill -0 "$server_pid" 2>/dev/null; do
      rss_kib >>"$samples" 2>/dev/null || true
      sleep 1
    done) &
    sampler=$!
    out=$(timeout $((seconds + 60)) wrk -t"$threads" -c"$connections" -d"${seconds}s" \
      --timeout 10s --latency -s bench/_wrk_report.lua "$base$endpoint" 2>&1 || true)
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    result=$(grep '^RESULT ' <<<"$out" || true)
    if [[ -z $result ]]; then
      echo "load: wrk gave no result for $endpoint:" >&2
      echo "$out" >&2
      failures+=("round $round $endpoint: no wrk result")
      continue
    fi
    field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$result"; }
    errors=$(($(field connect) + $(field read) + $(field write) + $(field timeout)))
    peak=$(sort -n "$samples" | tail -1)
    printf '%-5s %-13s %9s %8s %8s %8s %7s %6s %11s\n' "$round" "$endpoint" \
      "$(field requests)" "$(field rps)" "$(field p50_ms)" "$(field p99_ms)" \
      "$(field non2xx)" "$errors" "$(mib "${peak:-0}")"
    [[ $(field non2xx) == 0 ]] || failures+=("round $round $endpoint: $(field non2xx) responses outside 2xx")
    [[ $errors == 0 ]] || failures+=("round $round $endpoint: $errors socket errors")
    if ! kill -0 "$server_pid" 2>/dev/null; then
      failures+=("the server died during round $round $endpoint")
      break 2
    fi
  done
  sleep "$settle"
  rss_end[round]=$(rss_kib)
done

echo
if [[ -n "${rss_end[1]:-}" && -n "${rss_end[2]:-}" ]]; then
  growth=$(awk -v a="${rss_end[1]}" -v b="${rss_end[2]}" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
  echo "RSS before: $(mib "$rss_before") MiB   end of round 1: $(mib "${rss_end[1]}") MiB   end of round 2: $(mib "${rss_end[2]}") MiB   change: ${growth}% (limit +${max_growth_percent}%)"
  if ! awk -v g="$growth" -v m="$max_growth_percent" 'BEGIN { exit !(g <= m) }'; then
    failures+=("RSS grew ${growth}% between the ends of rounds 1 and 2")
  elif awk -v g="$growth" -v m="$max_growth_percent" 'BEGIN { exit !(g < -m) }'; then
    echo "note: the server gave memory back between the rounds (no growth)"
  fi
fi
if grep -qE ' 5[0-9][0-9]$' "$work/server.log"; then
  failures+=("the server logged 5xx responses")
fi
if [[ ${#failures[@]} -eq 0 ]]; then
  rm -f "$work/server.log" "$work"/rss-*.txt
  echo "load: PASS"
  exit 0
fi
echo "load: FAIL (server log and RSS samples kept in $work/)"
printf '  - %s\n' "${failures[@]}"
exit 1
