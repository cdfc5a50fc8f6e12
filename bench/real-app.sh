#!/usr/bin/env bash
# LineProf's cost on an API shaped like the ones users run (bench/RealApi: controllers, a mediator with pipeline
# behaviors, handlers, services, mapping code of small methods and one-line properties, EF Core over SQLite), built
# from the packed LineProf package like a user's app, without weaving and woven.
# The figure is CPU time per request, read from the server process's own counters (/proc/<pid>/stat utime+stime,
# which count every thread: Kestrel, the app, GC, JIT, LineProf's report writer) over a fixed number of requests,
# because wall-clock throughput on a shared 2-core machine scatters by ±20% between rounds; throughput is printed too,
# as a secondary figure. Each round starts every variant afresh (a new process on a freshly seeded database), warms it
# up (JIT tiers, EF Core's query cache, connection pool) and waits until it is quiet (on a loaded machine the runtime's
# tier-1 compiler is still catching up well after the warm-up requests, and its work would land in the measured ones),
# then drives the same request mix (bench/real-app.lua) through wrk; rounds interleave the variants (A B C D,
# B C D A, ...) so a drifting machine load falls on all of them alike.
# Usage: bench/real-app.sh   (after build/pack.sh; `bench/run.sh realapp` does both)
# After the measured requests, the process's CPU is also read over a few seconds without requests: what a variant costs
# while idle (sampled mode's sampler thread wakes every millisecond whatever the load, so its share of a request's
# CPU depends on the request rate).
# Knobs: REALAPP_ROUNDS (5), REALAPP_REQUESTS (4000 measured per round), REALAPP_WARMUP_REQUESTS (2000),
#        REALAPP_CONNECTIONS (8), REALAPP_IDLE_SECONDS (5), REALAPP_QUIET_MS_PER_S (50: "quiet" is a second in which
#        the process used less CPU than that; waited for up to 60 s, and the seconds it took are in results.tsv).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
rounds="${REALAPP_ROUNDS:-5}" requests="${REALAPP_REQUESTS:-4000}" warmup="${REALAPP_WARMUP_REQUESTS:-2000}"
connections="${REALAPP_CONNECTIONS:-8}" idle_seconds="${REALAPP_IDLE_SECONDS:-5}" quiet="${REALAPP_QUIET_MS_PER_S:-50}"
out="$root/artifacts/bench/realapp"
ticks_per_second="$(getconf CLK_TCK)"

fail() { echo "real-app.sh: $*" >&2; exit 1; }

if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
command -v jq >/dev/null || fail "jq is needed to check the reports"
[ -n "$(ls artifacts/packages/LineProf.*.nupkg 2>/dev/null)" ] || fail "no LineProf package: run build/pack.sh first"

rm -rf "$out" && mkdir -p "$out/db"
rm -rf artifacts/realapp-packages/lineprof   # the version stays the same between local packs
for build in unwoven woven; do
  profile=false; [ "$build" = woven ] && profile=true
  echo "== publishing bench/RealApi with LineProfile=$profile"
  dotnet publish bench/RealApi/RealApi.csproj -c Release -nologo -v:q -p:LineProfile=$profile -o "$out/$build" >"$out/publish-$build.log" 2>&1 \
    || { cat "$out/publish-$build.log"; fail "publishing with LineProfile=$profile failed"; }
done
# The woven assembly carries LineProf's line map (a type named <LineProf>LineMap); the unwoven one must not.
line_maps() { grep -a -c '<LineProf>LineMap' "$1" || true; }
[ "$(line_maps "$out/unwoven/RealApi.dll")" = 0 ] || fail "the unwoven build was woven: it has a LineProf line map"
[ "$(line_maps "$out/woven/RealApi.dll")" != 0 ] || fail "the woven build has no LineProf line map"
[ ! -e "$out/unwoven/LineProf.Runtime.dll" ] || fail "the unwoven build ships LineProf.Runtime.dll"

# Each variant: a name, the build it runs, what its report must show (none: no report at all; off: nothing profiled;
# exact or sampled: that mode, with hits on the app's lines), and its environment.
# Request sampling (a LineProf:SampleRate option, issue 15) does not exist yet; when it does, add a variant such as
#   "request-sampled woven exact LINEPROF_MODE=exact LineProf__SampleRate=0.1"
# and make check_report verify that it profiled about that share of the requests.
variants=(
  "unwoven unwoven none LINEPROF_ENABLED=true"
  "off woven off LINEPROF_ENABLED=false"
  "exact woven exact LINEPROF_MODE=exact"
  "sampled woven sampled LINEPROF_MODE=sampled"
)

app=""
stop_app() {
  if [ -n "$app" ]; then kill -TERM "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  app=""
}
trap stop_app EXIT

start_app() { # name build report-folder log env...
  local name="$1" build="$2" report="$3" log="$4"; shift 4
  # Request logging is off in every variant alike; the lifetime logger still says where Kestrel listens.
  (cd "$out/$build" && exec env "$@" LINEPROF_OUTPUT="$report" "ConnectionStrings__Shop=Data Source=$out/db/$name.db" \
    Logging__LogLevel__Default=Warning 'Logging__LogLevel__Microsoft.Hosting.Lifetime=Information' \
    dotnet RealApi.dll --urls http://127.0.0.1:0 >"$log" 2>&1) &
  app=$!
  url=""
  for _ in $(seq 1 600); do
    url="$(grep -o 'Now listening on: http://127.0.0.1:[0-9]*' "$log" 2>/dev/null | head -1 | sed 's/Now listening on: //')" || true
    [ -n "$url" ] && return 0
    kill -0 "$app" 2>/dev/null || break
    sleep 0.2
  done
  cat "$log"; fail "the $name variant did not start"
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$app/stat"; }   # utime + stime of every thread, live and ended

drive() { # url count → wrk's own line "requests <n> errors <n>"; any error fails the run
  local report
  report="$(wrk -t1 -c"$connections" -d600s --timeout 30s -s bench/real-app.lua "$1" -- "$2")" \
    || { echo "$report" >&2; fail "the app answered with errors (not 2xx) or wrk failed"; }
  grep '^requests ' <<<"$report" || { echo "$report" >&2; fail "wrk did not reach $2 requests"; }
}

settle() { # → the seconds it took until a second used less than $quiet ms of CPU, or "never" after 60
  local waited last now
  for waited in $(seq 1 60); do
    last="$(cpu_ticks)"; sleep 1; now="$(cpu_ticks)"
    if [ $(( (now - last) * 1000 / ticks_per_second )) -lt "$quiet" ]; then echo "$waited"; return 0; fi
  done
  echo never
}

check_report() { # name expect report-folder
  local json="$3/lineprof.json"
  case "$2" in
    none) [ ! -e "$3" ] || fail "$1: an unwoven app wrote a LineProf report ($3)" ;;
    off)
      [ ! -e "$json" ] || [ "$(jq '([.lines[]?.hits] | add // 0) + (.requests | length)' "$json")" = 0 ] \
        || fail "$1: profiling was off but $json has profiled lines or requests" ;;
    exact | sampled)
      [ -e "$json" ] || fail "$1: no $json"
      local mode hits profiled
      mode="$(jq -r '.mode' "$json")"
      hits="$(jq '[.lines[] | select(.file | test("RealApi")) | .hits] | add // 0' "$json")"
      profiled="$(jq '.requests | length' "$json")"
      [ "$mode" = "$2" ] || fail "$1: the report's mode is '$mode', not '$2'"
      [ "$hits" -gt "$((requests + warmup))" ] || fail "$1: only $hits hits on the app's lines for $((requests + warmup)) requests"
      [ "$profiled" -gt 0 ] || fail "$1: the report has no requests" ;;
    *) fail "unknown expectation '$2'" ;;
  esac
}

results="$out/results.tsv"
printf "round\tvariant\trequests\tcpu_ticks\twall_s\tcpu_us_per_request\trequests_per_s\tidle_cpu_ms_per_s\tsettled_after_s\n" >"$results"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  # Each round starts with the next variant, so no variant always runs first (or last) while the machine drifts.
  for i in "${!variants[@]}"; do
    read -r name build expect env <<<"${variants[$(( (i + round - 1) % ${#variants[@]} ))]}"
    report="$out/report-$name-$round"
    # shellcheck disable=SC2086 # the variant's environment is a list of NAME=value words
    start_app "$name" "$build" "$report" "$out/app-$name-$round.log" $env
    drive "$url" "$warmup" >/dev/null
    settled="$(settle)"
    before="$(cpu_ticks)" started="$(date +%s.%N)"
    read -r _ served _ errors <<<"$(drive "$url" "$requests")"
    after="$(cpu_ticks)" ended="$(date +%s.%N)"
    sleep 1   # the last in-flight requests
    idle_before="$(cpu_ticks)"; sleep "$idle_seconds"; idle_after="$(cpu_ticks)"
    stop_app   # a graceful stop writes the report
    check_report "$name" "$expect" "$report"
    awk -v r="$round" -v v="$name" -v n="$served" -v t="$((after - before))" -v hz="$ticks_per_second" -v s="$started" -v e="$ended" \
      -v idle="$((idle_after - idle_before))" -v idle_s="$idle_seconds" -v settled="$settled" \
      'BEGIN { printf "%d\t%s\t%d\t%d\t%.3f\t%.1f\t%.0f\t%.1f\t%s\n", r, v, n, t, e - s, t / hz * 1e6 / n, n / (e - s), idle / hz * 1e3 / idle_s, settled }' >>"$results"
    tail -1 "$results" | awk -F'\t' '{ printf "round %s  %-8s %s requests: %s µs CPU/request, %s requests/s; idle %s ms CPU/s; quiet after warm-up in %s s\n", $1, $2, $3, $6, $7, $8, $9 }'
  done
done

# Per variant: the median CPU per request over the rounds and its range; the ratio to the unwoven build taken within
# each round (the variants of a round ran side by side), as the median of those per-round ratios and their range.
echo
{
echo "Load average at the start $load_start, at the end $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $rounds rounds of $requests requests after $warmup warm-up requests, $connections connections."
echo
echo "| variant | CPU µs/request (median) | min–max | ratio to unwoven (median of rounds) | ratio min–max | requests/s (median) | throughput ratio | idle CPU ms/s (median) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
awk -F'\t' '
  NR == 1 { next }
  { cpu[$2, $1] = $6; rps[$2, $1] = $7; idle[$2, $1] = $8; if ($1 > rounds) rounds = $1 }
  function median(values, count,   i, j, t) {
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (values[j] < values[i]) { t = values[i]; values[i] = values[j]; values[j] = t }
    return count % 2 ? values[(count + 1) / 2] : (values[count / 2] + values[count / 2 + 1]) / 2
  }
  END {
    split("unwoven off exact sampled", names, " ")
    for (v = 1; v <= 4; v++) {
      delete c; delete q; delete x; delete y; delete z
      for (r = 1; r <= rounds; r++) {
        c[r] = cpu[names[v], r]; q[r] = cpu[names[v], r] / cpu["unwoven", r]
        x[r] = rps[names[v], r]; y[r] = rps[names[v], r] / rps["unwoven", r]; z[r] = idle[names[v], r]
      }
      cmed = median(c, rounds); qmed = median(q, rounds); xmed = median(x, rounds); ymed = median(y, rounds)
      printf "| %s | %.0f | %.0f–%.0f | %.2fx | %.2f–%.2fx | %.0f | %.2f | %.1f |\n", names[v], cmed, c[1], c[rounds], qmed, q[1], q[rounds], xmed, ymed, median(z, rounds)
    }
  }' "$results"
} | tee "$out/results.md"
