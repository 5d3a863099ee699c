-- A realistic mix for wrk, driven by scripts/loadtest.py (which writes the plan file).
--
-- Plan file (LOAD_PLAN): one request per line, "ROLE WEIGHT METHOD PATH [BODY]"; ROLE is the
-- session it runs as (its cookie is in LOAD_COOKIE_<ROLE>). BODY may hold {n}: replaced by a
-- number unique across the whole run, so every write can be found in the database afterwards.
-- Threads take roles in turn. Reads cycle by weight; every LOAD_WRITE_EVERY-th request of a
-- thread that has POST lines is the next POST line of that thread's own share (thread k of T
-- takes lines k, k+T, ...), so two threads never write the same object (versioned forms). done() prints one JSON line: requests by kind, statuses, and
-- errors per second (to see how long a PostgreSQL restart hurts).

local plan_path = os.getenv("LOAD_PLAN")
local csrf = os.getenv("LOAD_CSRF") or ""
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

local function read_plan(role, thread_index, thread_count)
  local entries, writes = {}, {}
  local write_number = 0
  for line in io.lines(plan_path) do
    local r, weight, method, path, body = line:match("^(%S+)%s+(%d+)%s+(%S+)%s+(%S+)%s*(.*)$")
    if r == role and method == "POST" then
      write_number = write_number + 1
      if (write_number - 1) % thread_count == thread_index - 1 then
        table.insert(writes, {method = method, path = path, body = body})
      end
    elseif r == role then
      for _ = 1, tonumber(weight) do
        table.insert(entries, {method = method, path = path, body = body})
      end
    end
  end
  return entries, writes
end

local entries, writes, position, write_position, seq, every
sent_writes = 0
acked = 0
statuses = {}
-- Flat tables of numbers: wrk's thread:get() copies these safely (nested tables crash it).
ok_per_second = {}
err_per_second = {}
roles = {}

function init(args)
  local role_list = {}
  for r in (os.getenv("LOAD_ROLES") or "admin"):gmatch("[^,]+") do
    table.insert(role_list, r)
  end
  local role = role_list[((tid - 1) % #role_list) + 1]
  roles[role] = true
  local thread_count = tonumber(os.getenv("LOAD_THREADS") or "1")
  entries, writes = read_plan(role, tid, thread_count)
  if #entries == 0 then
    error("no plan lines for role " .. role)
  end
  -- Each thread starts at a different place in the mix so they do not march in step.
  position = (tid * 7) % #entries
  write_position = 0
  every = tonumber(os.getenv("LOAD_WRITE_EVERY") or "10")
  seq = 0
  calls = 0
  cookie = os.getenv("LOAD_COOKIE_" .. string.upper(role))
end

function request()
  calls = calls + 1
  local e
  if #writes > 0 and calls % every == 0 then
    write_position = write_position % #writes + 1
    e = writes[write_position]
  else
    position = position % #entries + 1
    e = entries[position]
  end
  local headers = {["Cookie"] = cookie, ["Host"] = "127.0.0.1"}
  if e.method == "POST" then
    seq = seq + 1
    sent_writes = sent_writes + 1
    local body = e.body:gsub("{n}", tid .. "x" .. seq)
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["X-CSRFToken"] = csrf
    return wrk.format("POST", e.path, headers, body)
  end
  return wrk.format("GET", e.path, headers)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local second = os.time()
  if status >= 200 and status < 400 then
    ok_per_second[second] = (ok_per_second[second] or 0) + 1
  else
    err_per_second[second] = (err_per_second[second] or 0) + 1
  end
  -- A write is acknowledged by its redirect (Post/Redirect/Get); no page read redirects here.
  if status == 302 or status == 303 then
    acked = acked + 1
  end
end

function done(summary, latency, requests)
  local totals = {sent_writes = 0, acked = 0, statuses = {}, per_second = {}}
  for _, t in ipairs(threads) do
    totals.sent_writes = totals.sent_writes + t:get("sent_writes")
    totals.acked = totals.acked + t:get("acked")
    for k, v in pairs(t:get("statuses")) do
      totals.statuses[k] = (totals.statuses[k] or 0) + v
    end
    for k, v in pairs(t:get("ok_per_second")) do
      local b = totals.per_second[k] or {ok = 0, err = 0}
      b.ok = b.ok + v
      totals.per_second[k] = b
    end
    for k, v in pairs(t:get("err_per_second")) do
      local b = totals.per_second[k] or {ok = 0, err = 0}
      b.err = b.err + v
      totals.per_second[k] = b
    end
  end
  local parts = {}
  for k, v in pairs(totals.statuses) do
    table.insert(parts, string.format('"%d": %d', k, v))
  end
  local seconds = {}
  for k, v in pairs(totals.per_second) do
    table.insert(seconds, string.format('"%d": [%d, %d]', k, v.ok, v.err))
  end
  io.write(string.format(
    'LOADJSON {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_ms": {"p50": %.2f, "p90": %.2f, "p95": %.2f, "p99": %.2f, "max": %.2f, "mean": %.2f}, '
      .. '"sent_writes": %d, "acked_writes": %d, "statuses": {%s}, "per_second": {%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    totals.sent_writes, totals.acked, table.concat(parts, ", "), table.concat(seconds, ", ")))
end
