-- wrk reporter: latency percentiles in milliseconds, one line, for the README table.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format("requests=%d errors=%d p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms\n",
      summary.requests, errors, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000))
end
