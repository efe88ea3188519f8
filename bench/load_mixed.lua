-- wrk script of the load benchmark (bench/load_bench.py writes the data file and runs wrk).
--   wrk -t2 -c16 -d60s -s bench/load_mixed.lua http://127.0.0.1:8090 -- <mode> <data.lua> <result.json> <threads>
-- mode: "mixed" (the workload below) or one kind alone ("suggestions", "resident_home", ..., "hello").
-- The data file defines DATA = {residents = {...}, staff = {...}, employers = {...}, terms = {...}}
-- with logged-in session cookies and CSRF tokens.

local MIX = {  -- kind, weight (percent)
  {"resident_home", 22}, {"vacancy_list", 18}, {"suggestions", 20}, {"search", 20},
  {"employer_vacancy", 8}, {"refer", 6}, {"answer", 6},
}

local threads = {}
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
  table.insert(threads, thread)
end

local mode
local step = 2
local cursor = {}
statuses = {}
kinds = {}

function init(args)
  mode = args[1] or "mixed"
  dofile(args[2])
  step = tonumber(args[4]) or 2
  math.randomseed(1000 + id)
  for i = 1, 10 do math.random() end
end

local function pick(list)
  return list[math.random(#list)]
end

local function choose_kind()
  if mode ~= "mixed" then return mode end
  local r, acc = math.random(100), 0
  for _, entry in ipairs(MIX) do
    acc = acc + entry[2]
    if r <= acc then return entry[1] end
  end
  return MIX[1][1]
end

local function next_of(owner, field)
  -- Each thread walks its own share of the candidates, so that every refer is a real move.
  local list = owner[field]
  local key = owner.key .. field
  local i = cursor[key] or (id - 1)
  cursor[key] = i + step
  return list[(i % #list) + 1]
end

local FORM = "application/x-www-form-urlencoded"
-- Browser-like compression negotiation (empty: none), from the environment of wrk.
local ENCODING = os.getenv("WRK_ACCEPT_ENCODING") or ""
local base_format = wrk.format
wrk.format = function(method, path, headers, body)
  headers = headers or {}
  if ENCODING ~= "" then headers["Accept-Encoding"] = ENCODING end
  return base_format(method, path, headers, body)
end

function request()
  local kind = choose_kind()
  kinds[kind] = (kinds[kind] or 0) + 1
  if kind == "hello" then
    return wrk.format("GET", "/")
  elseif kind == "resident_home" then
    local u = pick(DATA.residents)
    return wrk.format("GET", "/me/", {Cookie = u.cookie})
  elseif kind == "vacancy_list" then
    local u = pick(DATA.residents)
    return wrk.format("GET", "/me/vacancies?page=" .. math.random(1, 5), {Cookie = u.cookie})
  elseif kind == "suggestions" then
    local s = pick(DATA.staff)
    return wrk.format("GET", "/staff/vacancies/" .. pick(s.vacancies) .. "/suggestions", {Cookie = s.cookie})
  elseif kind == "search" then
    local s = pick(DATA.staff)
    return wrk.format("GET", "/staff/seekers?q=" .. pick(DATA.terms),
                      {Cookie = s.cookie, ["HX-Request"] = "true", ["HX-Current-URL"] = "/staff/seekers"})
  elseif kind == "employer_vacancy" then
    local e = pick(DATA.employers)
    return wrk.format("GET", "/employer/vacancies/" .. pick(e.vacancies), {Cookie = e.cookie})
  elseif kind == "refer" then
    local s = pick(DATA.staff)
    local c = next_of(s, "refer")
    return wrk.format("POST", "/staff/vacancies/" .. c[1] .. "/refer",
                      {Cookie = s.cookie, ["X-CSRFToken"] = s.csrf, ["Content-Type"] = FORM}, "match_id=" .. c[2])
  elseif kind == "answer" then
    local e = pick(DATA.employers)
    local m = next_of(e, "answers")
    return wrk.format("POST", "/employer/referrals/" .. m .. "/interview",
                      {Cookie = e.cookie, ["X-CSRFToken"] = e.csrf, ["Content-Type"] = FORM, ["HX-Request"] = "true"},
                      "iv" .. m .. "-interview_at=2027-01-15T10%3A00")
  end
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local merged_status, merged_kinds = {}, {}
  for _, thread in ipairs(threads) do
    for code, n in pairs(thread:get("statuses")) do merged_status[code] = (merged_status[code] or 0) + n end
    for kind, n in pairs(thread:get("kinds")) do merged_kinds[kind] = (merged_kinds[kind] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(merged_status) do table.insert(parts, string.format('"%d": %d', code, n)) end
  local kparts = {}
  for kind, n in pairs(merged_kinds) do table.insert(kparts, string.format('"%s": %d', kind, n)) end
  local e = summary.errors
  local out = string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"statuses": {%s}, "kinds": {%s}}',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max,
    latency.mean, e.connect, e.read, e.write, e.status, e.timeout,
    table.concat(parts, ", "), table.concat(kparts, ", "))
  -- done() runs in wrk's main Lua state, where init() never ran: the path comes from the environment.
  local f = io.open(os.getenv("WRK_RESULT"), "w")
  f:write(out)
  f:close()
end
