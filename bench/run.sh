#!/usr/bin/env bash
# Every LineProf benchmark in one command; BENCHMARKS.md says what each figure means.
#   bench/run.sh [part ...]   parts: micro memory web realapp build weave python clock linecosts export rates unchosen idle (default: all
#   but clock, linecosts and export, which micro includes, and rates and idle, the production selection's own, in that order)
# Packs LineProf first (the web and build parts use the packed package, like a user's app). Results go to
# artifacts/bench/ (one folder per part) and the whole output to artifacts/bench/run.log. Meant to take under 10 minutes
# on an idle 2-core machine (15 on a shared one at load average 15-25), plus about 5 for the realapp part. Benchmarks are measurements, not tests:
# build/test.sh never runs them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
parts=("$@"); [ ${#parts[@]} -eq 0 ] && parts=(micro memory web realapp build weave python)
out="$root/artifacts/bench"
mkdir -p "$out"
benchmarks="$root/bench/LineProf.Benchmarks/bin/Release/net10.0/LineProf.Benchmarks.dll"

install_debian() { # package...
  local missing=()
  for package in "$@"; do dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

run_part() {
  case "$1" in
    micro)
      echo "== probe hits per operation"
      dotnet "$benchmarks" hits | tee "$out/hits.tsv"
      echo "== BenchmarkDotNet: probe cost, reference workloads, request cost and allocations"
      rm -rf "$out/bdn"
      (cd "$out" && dotnet "$benchmarks" --filter '*' --artifacts "$out/bdn")
      echo "== BenchmarkDotNet results"
      cat "$out"/bdn/results/*-report-github.md ;;
    linecosts)
      echo "== the probe per line with allocation tracking off and on, interleaved rounds"
      dotnet "$benchmarks" allocrounds 20 | tee "$out/allocrounds.tsv"
      echo "== sampled mode: the probe per call with allocations per method off and on, interleaved rounds"
      dotnet "$benchmarks" allocrounds-sampled 20 | tee "$out/allocrounds-sampled.tsv"
      echo "== BenchmarkDotNet: allocation tracking per line and the database listener per command, each beside its absence"
      rm -rf "$out/bdn-linecosts"
      (cd "$out" && dotnet "$benchmarks" --filter '*LineCostBenchmarks*' --artifacts "$out/bdn-linecosts")
      cat "$out"/bdn-linecosts/results/*-report-github.md ;;
    clock)
      echo "== a Stopwatch read against a read of the processor's counter, interleaved rounds"
      dotnet "$benchmarks" clock 20 | tee "$out/clock.tsv"
      echo "== BenchmarkDotNet: the probe per line with each clock"
      rm -rf "$out/bdn-clock"
      (cd "$out" && dotnet "$benchmarks" --filter '*ClockBenchmarks*' --artifacts "$out/bdn-clock")
      cat "$out"/bdn-clock/results/*-report-github.md ;;
    export)
      echo "== BenchmarkDotNet: a traced request with its hot line, a report as pprof and as JSON"
      rm -rf "$out/bdn-export"
      (cd "$out" && dotnet "$benchmarks" --filter '*TracedRequestBenchmarks*' --artifacts "$out/bdn-export")
      cat "$out"/bdn-export/results/*-report-github.md ;;
    memory)
      echo "== memory over 100,000 profiled requests"
      dotnet "$benchmarks" soak 100000 | tee "$out/soak.tsv" ;;
    web)
      echo "== the sample app under load"
      bench/web.sh ;;
    rates)
      echo "== the sample's CPU-bound endpoint at sample rates 1, 0.1 and 0.01, exact and sampled, against unwoven"
      bench/web.sh rates ;;
    unchosen)
      echo "== what a request the rate did not choose costs: call-heavy code in one process, the sample's endpoint at rate 0"
      dotnet "$benchmarks" unchosen | tee "$out/unchosen.tsv"
      bench/web.sh unchosen ;;
    idle)
      echo "== idle CPU of the sample: unwoven, exact, sampled"
      bench/idle.sh ;;
    realapp)
      echo "== CPU per request on an API shaped like real ones (controllers, handlers, mapping, EF Core + SQLite)"
      bench/real-app.sh ;;
    build)
      echo "== build time with LineProfile on and off"
      bench/build-time.sh ;;
    weave)
      echo "== the weave step's cost and share of a build: template apps, a 221-method API, a 20,000-method library"
      bench/weave-cost.sh ;;
    python)
      echo "== Python's line_profiler on the same workloads"
      install_debian python3 python3-line-profiler
      /usr/bin/python3 bench/reference/measure_line_profiler.py | tee "$out/line_profiler.md" ;;
    *)
      echo "unknown part '$1' (parts: micro memory web realapp build weave python clock linecosts export rates unchosen idle)"; exit 2 ;;
  esac
}

{
  clocksource="$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null || echo unknown)"
  echo "LineProf benchmarks, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, clocksource $clocksource, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "== packing LineProf (builds the solution, bench/ included)"
  build/pack.sh >"$out/pack.log" 2>&1 || { cat "$out/pack.log"; exit 1; }
  for part in "${parts[@]}"; do
    started=$SECONDS
    run_part "$part"
    echo "(${part}: $((SECONDS - started)) s)"
  done
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$out/run.log"
