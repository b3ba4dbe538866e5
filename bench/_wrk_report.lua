-- wrk script for bench/load.sh: counts responses outside 200-299 (wrk's own
-- "Non-2xx or 3xx" figure lets 3xx through) and prints one RESULT line that
-- the shell script parses. Each wrk thread runs its own Lua state, so every
-- thread keeps its own count and done() adds them up.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local outside = 0
  for _, thread in ipairs(threads) do
    outside = outside + thread:get("non2xx")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f " ..
    "non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    outside, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
