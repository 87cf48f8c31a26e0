-- The soak's mix (bench/soak.sh): token reads, Basic reads, feed pages, a few writes and
-- uploads (the writes as the administrator). PAUSE_MS holds each connection back between requests, to load the server at a
-- chosen share of its capacity; 0 measures the capacity.
local token = os.getenv("TOKEN")
local basic = os.getenv("BASIC_AUTH")
local admin = os.getenv("ADMIN_AUTH")
local project = os.getenv("PROJECT")
local project_id = os.getenv("PROJECT_ID")
local pause = tonumber(os.getenv("PAUSE_MS") or "0")
local requests = {}

local function add(weight, request)
  for _ = 1, weight do
    requests[#requests + 1] = request
  end
end

init = function(args)
  local bearer = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
  local password = { ["Authorization"] = basic, ["Accept"] = "application/json" }
  add(40, wrk.format("GET", "/api/v1/Users/LoggedUser", bearer))
  add(20, wrk.format("GET", "/api/v1/Projects", bearer))
  add(15, wrk.format("GET", "/api/v1/Projects/" .. project, password))
  add(15, wrk.format("GET", "/odata/WorkLogs?$top=100", bearer))
  add(3, wrk.format("POST", "/api/v1/UserStories",
    { ["Authorization"] = admin, ["Accept"] = "application/json", ["Content-Type"] = "application/json" },
    '{"Name": "soak", "Project": {"Id": ' .. project_id .. '}}'))
  add(2, wrk.format("POST", "/api/v1/Projects/" .. project .. "/Snapshots?version=soak",
    { ["Authorization"] = admin, ["Accept"] = "application/json", ["Content-Type"] = "application/octet-stream" },
    string.rep("soak-snapshot ", 300)))
end

request = function()
  return requests[math.random(#requests)]
end

delay = function()
  return pause
end
