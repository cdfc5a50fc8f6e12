#!/usr/bin/env bash
# Idle CPU of the sample app (samples/CatalogApi): unwoven, woven in exact mode and woven in sampled mode, each served,
# given some traffic (wrk, 2 s on the CPU-bound endpoint: JIT, the sampler started, a report written), left to settle,
# then measured with no traffic at all over IDLE_SECONDS from the process's own counters (/proc/<pid>/stat utime+stime).
# The variants take turns in interleaved rounds, so the machine's drift hits them alike.
# Usage: bench/idle.sh   (after build/pack.sh; bench/run.sh idle does both)
# Knobs: IDLE_ROUNDS (2), IDLE_SECONDS (30), IDLE_SETTLE_SECONDS (8: longer than the report writer's 5 s interval).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
rounds="${IDLE_ROUNDS:-2}" seconds="${IDLE_SECONDS:-30}" settle="${IDLE_SETTLE_SECONDS:-8}"
out="$root/artifacts/bench/idle"
hz="$(getconf CLK_TCK)"

command -v wrk >/dev/null || { echo "wrk is needed (bench/web.sh installs it)"; exit 1; }
source "$root/bench/sample-app.sh"
publish_sample

# Each variant: a name, the published build it runs and LINEPROF_MODE.
variants=("unwoven unwoven exact" "exact woven exact" "sampled woven sampled")

results="$out/results.tsv"
printf "round\tvariant\tidle_cpu_ms_per_s\n" >"$results"
for round in $(seq 1 "$rounds"); do
  for i in "${!variants[@]}"; do
    variant="${variants[$(( (i + round - 1) % ${#variants[@]} ))]}"
    read -r name build mode <<<"$variant"
    start_sample "$build" "$out/app-$name-$round.log" LINEPROF_MODE="$mode" LINEPROF_OUTPUT="$out/report-$name"
    wrk -t1 -c4 -d2s "$url/pricelist/Books" >/dev/null
    sleep "$settle"
    before="$(sample_cpu_ticks)"; sleep "$seconds"; after="$(sample_cpu_ticks)"
    awk -v r="$round" -v v="$name" -v t="$((after - before))" -v hz="$hz" -v s="$seconds" \
      'BEGIN { printf "%d\t%s\t%.2f\n", r, v, t / hz * 1000 / s }' | tee -a "$results"
    stop_sample
  done
done

echo
{
echo "| variant | idle CPU, ms per second (median of $rounds rounds of ${seconds} s) | min–max |"
echo "|---|---:|---:|"
awk -F'\t' 'NR > 1 { n[$2]++; v[$2, n[$2]] = $3 }
  END {
    split("unwoven exact sampled", names, " ")
    for (k = 1; k <= 3; k++) {
      name = names[k]; c = n[name]
      for (i = 1; i <= c; i++) x[i] = v[name, i]
      for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
      printf "| %s | %.2f | %.2f–%.2f |\n", name, c % 2 ? x[(c + 1) / 2] : (x[c / 2] + x[c / 2 + 1]) / 2, x[1], x[c]
    }
  }' "$results"
} | tee "$out/results.md"
