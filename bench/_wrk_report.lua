-- wrk script for bench/load.sh: counts responses outside 200-299 (wrk's own
-- "Non-2xx or 3xx" figure lets 3xx through) and 5xx answers apart, and
-- prints one RESULT line that the shell script parses. Each wrk thread runs
-- its own Lua state, so every thread keeps its own counts and done() adds
-- them up.
--
-- WRK_MIX (optional): requests to send in turn instead of the URL's path,
-- separated by "|", each "METHOD /path?query". WRK_PAD (optional): the size
-- of an X-Pad header of spaces between two "x" characters sent with each.

local threads = {}
local mix = {}
local pad = tonumber(os.getenv("WRK_PAD") or "0")

for entry in string.gmatch(os.getenv("WRK_MIX") or "", "[^|]+") do
  local method, path = string.match(entry, "^(%u+) (.+)$")
  table.insert(mix, { method = method, path = path })
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  server_errors = 0
  turn = 0
end

-- Only with a mix or a pad: a script with request() costs wrk a Lua call
-- per request, which would lower the plain runs' figures.
if #mix > 0 or pad > 0 then
  function request()
    local headers = {}
    if pad > 0 then
      headers["X-Pad"] = "x" .. string.rep(" ", pad) .. "x"
    end
    if #mix == 0 then
      return wrk.format(nil, nil, headers)
    end
    turn = turn % #mix + 1
    local entry = mix[turn]
    return wrk.format(entry.method, entry.path, headers)
  end
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  if status >= 500 then
    server_errors = server_errors + 1
  end
end

function done(summary, latency, requests)
  local outside = 0
  local errors5xx = 0
  for _, thread in ipairs(threads) do
    outside = outside + thread:get("non2xx")
    errors5xx = errors5xx + thread:get("server_errors")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f " ..
    "non2xx=%d status5xx=%d bytes=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    outside, errors5xx, summary.bytes, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout))
end
