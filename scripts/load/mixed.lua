-- The CCMS mixed load for wrk (https://github.com/wg/wrk), driven by scripts/load/wrk-mixed.
-- Sends the requests of a plan written by `ccms-bench ... wrk-plan` in turn: 40% consumers
-- reading a case, 20% agents listing their cases, 20% public scorecards, 15% partner intakes
-- (each with its own Idempotency-Key and order reference), 5% agents' messages. (ccms-bench's
-- own mix has 5% transitions on cases it filed instead of a share of the reads; wrk cannot
-- follow the cases it files.)

local next_thread = 0

function setup(thread)
   thread:set("thread_id", next_thread)
   next_thread = next_thread + 1
end

function init(args)
   plan = dofile(os.getenv("CCMS_WRK_PLAN"))
   run = os.getenv("CCMS_WRK_RUN") or tostring(os.time())
   sent = 0
end

function request()
   sent = sent + 1
   local entry = plan[(sent + thread_id * 997) % #plan + 1]
   local method, path, token, body = entry[1], entry[2], entry[3], entry[4]
   local headers = {}
   if token ~= "" then
      headers["Authorization"] = "Bearer " .. token
   end
   if body ~= nil then
      local unique = run .. "-" .. thread_id .. "-" .. sent
      body = body:gsub("UNIQUE", unique)
      headers["Content-Type"] = "application/json"
      if path == "/api/v1/complaints" then
         headers["Idempotency-Key"] = "wrk-" .. unique
      end
   end
   return wrk.format(method, path, headers, body)
end

function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local errors = summary.errors
   io.write(string.format(
      "mixed load (wrk): %d requests in %.1f s, %.0f/s; p50 %.2f ms, p90 %.2f ms, p99 %.2f ms; "
         .. "non-2xx %d, socket errors %d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
