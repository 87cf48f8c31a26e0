-- Alternates a garbage bearer token and a well-formed personal token with one character
-- mistyped (its checksum no longer matches): both must be refused without any lookup.
local mistyped = os.getenv("MISTYPED_TOKEN")
local counter = 0
request = function()
  counter = counter + 1
  local token = (counter % 2 == 0) and mistyped or "garbage-token-value"
  return wrk.format("GET", "/api/v1/Users/LoggedUser", { ["Authorization"] = "Bearer " .. token })
end
