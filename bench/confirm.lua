-- wrk script for bench/confirm.sh: every request presses the confirmation button of one
-- delivery (POST /c/<token>); each thread takes its own slice of the tokens, so that every
-- token is pressed once, and stops when its slice is used up.
local tokens = {}
-- with QUESTIONS=1 every press answers the safety question (無事), URL-encoded as a form does
local body = os.getenv("QUESTIONS") == "1" and "q1=%E7%84%A1%E4%BA%8B" or ""
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
  recorded = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

-- wrk calls request() once on the first thread's state to check the script (how many requests
-- one call returns) before any connection is open; that request is never sent. Answer it
-- without using up a token, or the first token would never be pressed.
local checked = false

function request()
  if id == 1 and not checked then
    checked = true
    return wrk.format("POST", "/c/" .. tokens[first], nil, body)
  end
  -- past the end of the slice (requests already in flight), press the last one again:
  -- the answer is "already recorded" and no row is added
  local token = tokens[math.min(nextIndex, last)]
  nextIndex = nextIndex + 1
  return wrk.format("POST", "/c/" .. token, nil, body)
end

-- A thread stops once every token of its slice has been answered "recorded" (the first press
-- of a token is; the extra presses of the last token are answered "already recorded"). Counting
-- answers alone is not enough: a slow first press can still be in flight on one connection
-- while the others have answered many extra presses, and stopping then abandons it.
function response(status, headers, body)
  if status == 200 and string.find(body, "receipt-first", 1, true) then
    recorded = recorded + 1
    if recorded >= (last - first + 1) then
      wrk.thread:stop()
    end
  end
end
