#!/usr/bin/env bash
# What LineProfile=true adds to a `dotnet build` of the sample app (samples/CatalogApi): full rebuilds
# (--no-incremental) alternating LineProfile=false and true, timed end to end, with the weaver's own time as it
# reports it (LP0001). Usage: bench/build-time.sh   (after build/pack.sh; bench/run.sh does both)
# Knob: BUILD_ROUNDS (3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
rounds="${BUILD_ROUNDS:-3}"
out="$root/artifacts/bench/build-time"
project=samples/CatalogApi/CatalogApi.csproj
[ -n "$(ls artifacts/packages/LineProf.*.nupkg 2>/dev/null)" ] || { echo "no LineProf package: run build/pack.sh first"; exit 1; }

rm -rf "$out" && mkdir -p "$out"
rm -rf artifacts/sample-packages/lineprof   # the version stays the same between local packs
dotnet restore "$project" -nologo -v:q >/dev/null
dotnet build "$project" -c Release --no-restore -nologo -v:q -p:LineProfile=true >/dev/null   # warms the SDK's caches

printf "round\tLineProfile\tbuild_ms\tweave_ms\n" >"$out/results.tsv"
for round in $(seq 1 "$rounds"); do
  for profile in false true; do
    log="$out/build-$profile-$round.log"
    start=$(date +%s%N)
    dotnet build "$project" -c Release --no-restore --no-incremental -nologo -v:m -p:LineProfile=$profile >"$log" 2>&1 \
      || { cat "$log"; exit 1; }
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    weave="$(sed -n 's/.*LP0001: .*(\([0-9]*\) ms).*/\1/p' "$log" | head -1)"
    printf "%s\t%s\t%s\t%s\n" "$round" "$profile" "$ms" "${weave:--}" >>"$out/results.tsv"
    echo "round $round  LineProfile=$profile: ${ms} ms${weave:+ (weaver: $weave ms)}"
  done
done

echo
awk -F'\t' '
  NR == 1 { next }
  { n[$2]++; t[$2, n[$2]] = $3; if ($4 != "-") { w[++nw] = $4 } }
  function median(arr, key, count,   i, j, x, v) {
    for (i = 1; i <= count; i++) v[i] = key == "" ? arr[i] : arr[key, i]
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { x = v[i]; v[i] = v[j]; v[j] = x }
    return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
  }
  END {
    off = median(t, "false", n["false"]); on = median(t, "true", n["true"])
    printf "| build | median of %d full rebuilds (ms) | ratio |\n|---|---:|---:|\n", n["false"]
    printf "| LineProfile=false | %d | 1.000 |\n| LineProfile=true | %d | %.3f |\n", off, on, on / off
    printf "\nAdded by LineProfile=true: %d ms (medians); the weaver itself: %d ms (median of its LP0001 reports).\n", on - off, median(w, "", nw)
  }' "$out/results.tsv" | tee "$out/results.md"
