-- Rotates realistic Chinese queries over a URL ending in "q=" (percent-encoded UTF-8).
-- With the argument "unique" (wrk ... -s queries.lua URL -- unique) each request adds its
-- own number to the query, so no answer is ever served from the listing's cache: the cost
-- of a search nobody asked before.
local queries = {
  "%E4%BC%9A%E8%AE%A1", -- 会计
  "%E8%B7%A8%E5%A2%83%E7%94%B5%E5%95%86%20%E8%BF%90%E8%90%A5", -- 跨境电商 运营
  "%E4%BF%9D%E6%B4%81", -- 保洁
  "%E6%8A%A4%E5%A3%AB", -- 护士
  "%E4%BB%93%E5%BA%93%E7%AE%A1%E7%90%86%E5%91%98", -- 仓库管理员
  "%E6%95%B0%E6%8D%AE%E5%88%86%E6%9E%90", -- 数据分析
  "%E8%A7%81%E4%B9%A0", -- 见习
  "%E6%B6%88%E6%9D%80%E9%98%B2%E7%96%AB", -- 消杀防疫
  "%E7%BA%BA%E7%BB%87%20%E6%8C%A1%E8%BD%A6%E5%B7%A5", -- 纺织 挡车工
  "%E8%B4%A7%E8%BD%A6%E5%8F%B8%E6%9C%BA", -- 货车司机
  "%E7%A4%BE%E5%8C%BA%E7%BD%91%E6%A0%BC%E5%91%98", -- 社区网格员
  "%E7%94%B5%E5%B7%A5", -- 电工
  "%E5%AE%A2%E6%9C%8D", -- 客服
  "%E5%87%BA%E7%BA%B3", -- 出纳
  "%E8%BD%AF%E4%BB%B6%E6%B5%8B%E8%AF%95", -- 软件测试
}
local i = 0
local unique = false
local threads = 0

setup = function(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end

init = function(args)
  unique = args[1] == "unique"
end

request = function()
  i = i + 1
  local path = wrk.path .. queries[(i % #queries) + 1]
  if unique then
    path = path .. "%20" .. thread_no .. "x" .. i
  end
  return wrk.format("GET", path)
end
