-- collector-submit.lua - wrk script for tests/bench/collector.sh: what a
-- phone does. A connection GETs the form page, takes the token from its
-- hidden field, and POSTs valid answers with it; every POST is a new
-- submission that must be committed before its 303. wrk does not say
-- which connection a response came to, so each thread keeps the tokens
-- of its GETs in a queue and a request is a POST when one is waiting.
local threads = {}
local find, sub = string.find, string.sub

function setup(thread)
	table.insert(threads, thread)
end

local answers = "&_page=0&overall=4&relevant=a&clear=sa&pace=n&materials=a" ..
	"&recommend=9&format=webinar&next_topics=systems&next_topics=statistics" ..
	"&worked=The+hands-on+part&improve=More+time+for+questions&wants_reply=no"
local post_headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local queue, head, tail = {}, 1, 0
gets, posts, stored, bad = 0, 0, 0, 0

-- Requests are made once and kept: the GET, and the head of a POST for
-- each body length (a token's length does not change), so that wrk's
-- own CPU goes to the connections rather than to formatting.
local get_request
local post_heads = {}

local function post_head(len)
	local h = post_heads[len]
	if not h then
		local r = wrk.format("POST", nil, post_headers, string.rep("x", len))
		h = sub(r, 1, #r - len)
		post_heads[len] = h
	end
	return h
end

function request()
	if tail >= head then
		local t = queue[head]
		queue[head] = nil
		head = head + 1
		local body = "_token=" .. t .. answers
		return post_head(#body) .. body
	end
	if not get_request then
		get_request = wrk.format("GET")
	end
	return get_request
end

-- The status says what the request was: 200 a page
-- (GET), 303 a stored submission (POST). Anything else is a failure.
function response(status, hdrs, body)
	if status == 200 then
		gets = gets + 1
		local _, e = find(body, 'name="_token" value="', 1, true)
		local q = e and find(body, '"', e + 1, true)
		if q then
			local t = sub(body, e + 1, q - 1)
			tail = tail + 1
			queue[tail] = t
		else
			bad = bad + 1
		end
	elseif status == 303 then
		stored = stored + 1
	else
		bad = bad + 1
	end
end

function done(summary, latency, requests)
	local g, s, b = 0, 0, 0
	for _, t in ipairs(threads) do
		g = g + t:get("gets")
		s = s + t:get("stored")
		b = b + t:get("bad")
	end
	io.write(string.format("pages: %d\nstored: %d\nfailed: %d\n", g, s, b))
end
