-- collector-post.lua - wrk script for tests/bench/collector.sh: each
-- request POSTs a valid event-feedback response with a token of its own
-- (read from the file given after --), so every request is a new
-- submission that must be committed before its 303.
local counter = 0
local threads = {}

function setup(thread)
	thread:set("tid", counter)
	counter = counter + 1
	table.insert(threads, thread)
end

local tokens = {}
local idx = 0
local answers = "&_page=0&overall=4&relevant=a&clear=sa&pace=n&materials=a" ..
	"&recommend=9&format=webinar&next_topics=systems&next_topics=statistics" ..
	"&worked=The+hands-on+part&improve=More+time+for+questions&wants_reply=no"
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
bad = 0
exhausted = 0

function init(args)
	local nthreads = tonumber(args[2])
	local i = 0
	for line in io.lines(args[1]) do
		if i % nthreads == tid then
			tokens[#tokens + 1] = line
		end
		i = i + 1
	end
end

function request()
	idx = idx + 1
	local t = tokens[idx]
	if not t then
		exhausted = exhausted + 1
		t = tokens[1]
	end
	return wrk.format("POST", nil, headers, "_token=" .. t .. answers)
end

function response(status, hdrs, body)
	if status ~= 303 then
		bad = bad + 1
	end
end

function done(summary, latency, requests)
	local b, e = 0, 0
	for _, t in ipairs(threads) do
		b = b + t:get("bad")
		e = e + t:get("exhausted")
	end
	io.write(string.format("not-303: %d\nreplayed: %d\n", b, e))
end
