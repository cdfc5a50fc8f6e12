-- wrk script for bench/real-app.sh: a fixed number of requests (the first script argument), cycling through a mix
-- of ten: 3 order lists (paging, one with a status filter), 4 order details, 2 product lists, 1 order placed.
-- Run it with one wrk thread (-t1) so the count is the whole run's. When the count is reached the script ends wrk
-- itself (wrk's own stop waits out the -d duration) after printing "requests <n> errors <n>"; an answer other than
-- 2xx is an error, and any error makes wrk's exit status 1.
local limit, done, errors, n = 0, 0, 0, 0
local statuses = { "Pending", "Paid", "Shipped", "Delivered", "Cancelled" }
local categories = { "books", "music", "garden", "kitchen", "toys", "outdoor", "office", "games" }
local json = { ["Content-Type"] = "application/json" }

function init(args)
  limit = tonumber(args[1]) or error("the request count is the first script argument")
end

local function list(i) return wrk.format("GET", "/api/orders?page=" .. (i % 10 + 1) .. "&pageSize=20") end
local function filtered(i) return wrk.format("GET", "/api/orders?pageSize=20&status=" .. statuses[i % #statuses + 1]) end
local function detail(i) return wrk.format("GET", "/api/orders/" .. ((i * 37) % 1500 + 1)) end
local function products(i) return wrk.format("GET", "/api/categories/" .. categories[i % #categories + 1] .. "/products?page=" .. (i % 2 + 1)) end
local function place(i)
  local body = string.format('{"customerId":%d,"lines":[{"productId":%d,"quantity":%d},{"productId":%d,"quantity":1}]}',
    i % 300 + 1, i % 240 + 1, i % 3 + 1, (i * 7) % 240 + 1)
  return wrk.format("POST", "/api/orders", json, body)
end

local mix = { list, detail, products, detail, filtered, detail, list, detail, products, place }

function request()
  n = n + 1
  return mix[(n - 1) % #mix + 1](n)
end

function response(status)
  done = done + 1
  if status < 200 or status > 299 then errors = errors + 1 end
  if done >= limit then
    io.stdout:write(string.format("requests %d errors %d\n", done, errors))
    io.stdout:flush()
    os.exit(errors == 0 and 0 or 1)
  end
end
