-- wrk reporter: one JSON line with the numbers bench/run.py needs (latency in microseconds).
wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["Accept-Encoding"] = "gzip"

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'JSON {"p50": %d, "p95": %d, "requests": %d, "duration_us": %d, "errors": %d, "non2xx": %d}\n',
    latency:percentile(50), latency:percentile(95), summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status))
end
