-- wrk script for bench/confirm.sh: every request presses the confirmation button of one
-- delivery (POST /c/<token>); each thread takes its own slice of the tokens, so that every
-- token is pressed once, and stops when its slice is used up.
local tokens = {}
for line in io.lines(os.getenv("TOKENS") or "target/bench/tokens.txt") do
  tokens[#tokens + 1] = line
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  local count = tonumber(os.getenv("WRK_THREADS") or "4")
  local slice = math.floor(#tokens / count)
  first = (id - 1) * slice + 1
  last = (id == count) and #tokens or id * slice
  nextIndex = first
  answered = 0
  -- a thread stops once it has had an answer for every token of its slice and for as many
  -- extra presses as it has connections, so that no press of its slice is left in flight
  connections = tonumber(os.getenv("WRK_CONNECTIONS") or "64") / count
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  -- past the end of the slice (requests already in flight), press the last one again:
  -- the answer is "already recorded" and no row is added
  local token = tokens[math.min(nextIndex, last)]
  nextIndex = nextIndex + 1
  return wrk.format("POST", "/c/" .. token, nil, "")
end

function response(status, headers, body)
  answered = answered + 1
  if answered >= (last - first + 1) + connections then
    wrk.thread:stop()
  end
end
