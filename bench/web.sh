#!/usr/bin/env bash
# The sample app (samples/CatalogApi) under load: Kestrel on 127.0.0.1, driven by wrk at 32 connections, built
# without weaving, woven with profiling off (LINEPROF_ENABLED=false), and woven with every request profiled, in
# exact mode and in sampled mode (LINEPROF_MODE=sampled).
# Prints requests/s and p50/p99 latency per endpoint and build, with throughput as a ratio to the unwoven build.
# Usage: bench/web.sh   (after build/pack.sh; bench/run.sh does both)
#        bench/web.sh rates   the CPU-bound endpoint only, at sample rates 1, 0.1 and 0.01 (LINEPROF_SAMPLE_RATE) in
#                             exact and sampled mode, against the unwoven build, side by side in the same rounds
#        bench/web.sh unchosen  the CPU-bound endpoint at rate 0 (no request chosen, outside requests collected) and
#                             woven with profiling off, against unwoven: what a request the rate leaves alone costs
# Knobs: WEB_ROUNDS (4), WEB_SECONDS (8), WEB_WARMUP_SECONDS (2), WEB_CONNECTIONS (32).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
rounds="${WEB_ROUNDS:-4}" seconds="${WEB_SECONDS:-8}" warmup="${WEB_WARMUP_SECONDS:-2}" connections="${WEB_CONNECTIONS:-32}"
set_name="${1:-modes}"
out="$root/artifacts/bench/web"; [ "$set_name" != modes ] && out="$root/artifacts/bench/web-$set_name"

if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
source "$root/bench/sample-app.sh"
publish_sample

# The endpoints: CPU-bound (renders a 667-row price list from memory) and I/O-bound (one awaited 3 ms round trip).
endpoints=("cpu /pricelist/Books" "io /products/42")
# Each variant: a name, the published build it runs, LINEPROF_ENABLED, LINEPROF_MODE and LINEPROF_SAMPLE_RATE.
variants=("unwoven unwoven true exact 1" "woven-off woven false exact 1" "profiled woven true exact 1" "sampled woven true sampled 1")
if [ "$set_name" = rates ]; then
  endpoints=("cpu /pricelist/Books")
  variants=("unwoven unwoven true exact 1" "exact-1 woven true exact 1" "exact-0.1 woven true exact 0.1" "exact-0.01 woven true exact 0.01"
            "sampled-1 woven true sampled 1" "sampled-0.1 woven true sampled 0.1" "sampled-0.01 woven true sampled 0.01")
elif [ "$set_name" = unchosen ]; then
  endpoints=("cpu /pricelist/Books")
  variants=("unwoven unwoven true exact 1" "woven-off woven false exact 1" "exact-0 woven true exact 0")
fi

# wrk's report → "requests/s p50-ms p99-ms socket-errors"; a non-2xx answer is a failure of the app, not load.
measure() { # url seconds
  local report
  report="$(wrk -t1 -c"$connections" -d"$2"s --timeout 30s --latency "$1")"
  if grep -q "Non-2xx" <<<"$report"; then echo "the app answered with errors:" >&2; echo "$report" >&2; return 1; fi
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Requests/sec:" { rps = $2 }
    $1 == "Socket" { for (i = 3; i <= NF; i += 2) errors += $(i + 1) }
    END { printf "%.0f %.3f %.3f %d\n", rps, p50, p99, errors }' <<<"$report"
}

results="$out/results.tsv"
printf "round\tendpoint\tvariant\trps\tp50_ms\tp99_ms\tsocket_errors\tcpu_us_per_request\n" >"$results"
hz="$(getconf CLK_TCK)"
for round in $(seq 1 "$rounds"); do
  # Each round starts with the next variant, so no variant always runs first (or last) while the machine drifts.
  for i in "${!variants[@]}"; do
    variant="${variants[$(( (i + round - 1) % ${#variants[@]} ))]}"
    read -r name build enabled mode rate <<<"$variant"
    start_sample "$build" "$out/app-$name-$round.log" \
      LINEPROF_ENABLED="$enabled" LINEPROF_MODE="$mode" LINEPROF_SAMPLE_RATE="$rate" LINEPROF_OUTPUT="$out/report-$name"
    for endpoint in "${endpoints[@]}"; do
      read -r kind path <<<"$endpoint"
      measure "$url$path" "$warmup" >/dev/null   # JIT tiers, connection pools, caches
      ticks_before="$(sample_cpu_ticks)"
      figures="$(measure "$url$path" "$seconds")"
      ticks_after="$(sample_cpu_ticks)"
      read -r rps p50 p99 errors <<<"$figures"
      cpu_us="$(awk -v t="$((ticks_after - ticks_before))" -v hz="$hz" -v r="$rps" -v s="$seconds" 'BEGIN { printf "%.0f", (r > 0 ? t / hz * 1e6 / (r * s) : 0) }')"
      printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$round" "$kind" "$name" "$rps" "$p50" "$p99" "$errors" "$cpu_us" >>"$results"
      echo "round $round  $kind  $name: $rps req/s, p50 $p50 ms, p99 $p99 ms, $errors socket errors, $cpu_us µs CPU/request"
    done
    stop_sample
  done
done

# Medians over the rounds; throughput as a ratio to the unwoven build of the same endpoint.
echo
{
echo "| endpoint | build | requests/s (median of $rounds) | ratio to unwoven | p50 ms | p99 ms | socket errors | CPU µs/request (median) | CPU ratio to unwoven |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
kinds="$(for e in "${endpoints[@]}"; do read -r kind _ <<<"$e"; printf "%s " "$kind"; done)"
names="$(for v in "${variants[@]}"; do read -r name _ <<<"$v"; printf "%s " "$name"; done)"
awk -F'\t' -v rounds="$rounds" -v kind_list="$kinds" -v name_list="$names" '
  NR == 1 { next }
  { key = $2 SUBSEP $3; n[key]++; rps[key, n[key]] = $4; p50[key, n[key]] = $5; p99[key, n[key]] = $6; errors[key] += $7; cpu[key, n[key]] = $8 }
  function median(arr, key, count,   i, j, t, v) {
    for (i = 1; i <= count; i++) v[i] = arr[key, i]
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
  }
  END {
    kind_count = split(kind_list, kinds, " "); name_count = split(name_list, names, " ")
    for (k = 1; k <= kind_count; k++) {
      base = median(rps, kinds[k] SUBSEP "unwoven", n[kinds[k] SUBSEP "unwoven"])
      cpu_base = median(cpu, kinds[k] SUBSEP "unwoven", n[kinds[k] SUBSEP "unwoven"])
      for (v = 1; v <= name_count; v++) {
        key = kinds[k] SUBSEP names[v]
        r = median(rps, key, n[key])
        c = median(cpu, key, n[key])
        printf "| %s | %s | %.0f | %.3f | %.2f | %.2f | %d | %.0f | %.3f |\n", kinds[k] == "cpu" ? "CPU-bound /pricelist/Books" : "I/O-bound /products/42",
          names[v], r, r / base, median(p50, key, n[key]), median(p99, key, n[key]), errors[key], c, (cpu_base > 0 ? c / cpu_base : 0)
      }
    }
  }' "$results"
} | tee "$out/results.md"
