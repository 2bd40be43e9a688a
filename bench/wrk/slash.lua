-- Signed /sales requests for wrk: every request its own trigger id (Slack's replay key) and signature,
-- read from the file bench/slash_ack.py wrote; each thread takes every n-th line so none is sent twice.
local lines, index, step = {}, 0, 1
added, answered = 0, 0  -- globals: done() reads them from each thread
local threads = {}
local prefix, suffix, stamp

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  stamp = file:read("*l")
  prefix = file:read("*l")
  suffix = file:read("*l")
  for line in file:lines() do table.insert(lines, line) end
  file:close()
  step = tonumber(args[2])
  index = id + 1
end

function request()
  local line = lines[index]
  index = index + step
  if line == nil then
    error("out of pre-signed requests: write more (bench/slash_ack.py --requests)")
  end
  local trigger, signature = line:match("([^ ]+) ([^ ]+)")
  local body = prefix .. trigger .. suffix
  return wrk.format("POST", "/slack/events", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Slack-Request-Timestamp"] = stamp,
    ["X-Slack-Signature"] = signature,
  }, body)
end

function response(status, headers, body)
  if status == 200 then answered = answered + 1 end
  if body:find("added", 1, true) then added = added + 1 end
end

function done(summary, latency, requests)
  local total_added, total_answered = 0, 0
  for _, thread in ipairs(threads) do
    total_added = total_added + thread:get("added")
    total_answered = total_answered + thread:get("answered")
  end
  local errors = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f p50_ms=%.2f p99_ms=%.2f ok=%d added=%d " ..
      "connect=%d read=%d write=%d status=%d timeout=%d\n",
      summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      total_answered, total_added, errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
