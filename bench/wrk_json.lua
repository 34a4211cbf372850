-- wrk script: rotates over the paths given after "--" (or requests the URL's own path),
-- and prints one JSON line with throughput, latency percentiles and every kind of error.
local paths = {}
local counter = 0

function init(args)
  for _, p in ipairs(args) do
    paths[#paths + 1] = p
  end
  -- Threads start at different offsets so they do not request the same path in step.
  counter = math.random(0, math.max(#paths - 1, 0))
end

function request()
  if #paths == 0 then
    return wrk.request()
  end
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean))
end
