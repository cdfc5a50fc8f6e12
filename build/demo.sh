#!/usr/bin/env bash
# LineProf in one command: packs LineProf, builds the sample web API (samples/CatalogApi) with LineProfile on
# against the packed package, serves it on 127.0.0.1, sends it requests, stops it gracefully and prints the
# report's path and the line it found hottest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# A long-lived MSBuild node would keep an older LineProf task loaded after a repack.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

if ! command -v curl >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq curl >/dev/null
fi

echo "== packing LineProf"
build/pack.sh >/dev/null

echo "== building samples/CatalogApi with LineProfile=true"
rm -rf artifacts/sample-packages/lineprof   # the version stays the same between local packs
dotnet build samples/CatalogApi/CatalogApi.csproj -c Release -nologo -v:q -p:LineProfile=true | grep -E "LP0|error" || true

report="$root/artifacts/demo"
log="$report/app.log"
rm -rf "$report" && mkdir -p "$report"
echo "== serving on 127.0.0.1"
LINEPROF_OUTPUT="$report" dotnet samples/CatalogApi/bin/Release/net10.0/CatalogApi.dll --urls http://127.0.0.1:0 >"$log" 2>&1 &
app=$!
trap 'kill -9 $app 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  url="$(grep -o 'Now listening on: http://127.0.0.1:[0-9]*' "$log" | head -1 | sed 's/Now listening on: //')" || true
  [ -n "$url" ] && break
  kill -0 $app 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "the sample did not start"; cat "$log"; exit 1; }

echo "== sending requests to $url"
get() { curl -s -o /dev/null -w "%{http_code} $1\n" "$url$1"; }
for category in Books Games Garden Kitchen; do get "/products?category=$category"; done
for id in 1 7 42 1999 4001; do get "/products/$id"; done
for id in $(seq 1 12); do get "/orders/$id"; done
curl -s -o /dev/null -w "%{http_code} POST /orders\n" -H 'Content-Type: application/json' \
  -d '{"customerId":3,"lines":[{"productId":12,"quantity":2},{"productId":99,"quantity":1}]}' "$url/orders"
for _ in 1 2 3; do get "/export/catalog.csv"; done

echo "== stopping gracefully"
kill -TERM $app
wait $app || true
trap - EXIT

echo
grep -o 'LP1002: .*' "$log" | sed 's/^LP1002: //' || { echo "no report summary in the app's log:"; cat "$log"; exit 1; }
echo
echo "Open $report/lineprof.html in a browser (lineprof.json beside it has the same data)."
