-- wrk: spread the load over several pages (paths from BENCH_PATHS, space-separated).
local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATHS") or "/healthz", "%S+") do
  table.insert(paths, p)
end
local i = 0
wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["Accept-Encoding"] = "gzip"

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'JSON {"p50": %d, "p95": %d, "requests": %d, "duration_us": %d, "errors": %d, "non2xx": %d}\n',
    latency:percentile(50), latency:percentile(95), summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status))
end
