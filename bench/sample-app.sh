#!/usr/bin/env bash
# Sourced by bench/web.sh and bench/idle.sh, which measure the sample app (samples/CatalogApi) the same way: published
# from the packed LineProf unwoven and woven, then served on a free port of 127.0.0.1, one variant at a time.
# Expects $root (the repository) and $out (the benchmark's output folder, emptied here) to be set.

# Publishes the sample into $out/unwoven (LineProfile=false) and $out/woven (LineProfile=true), logs beside them.
publish_sample() {
  [ -n "$(ls "$root"/artifacts/packages/LineProf.*.nupkg 2>/dev/null)" ] || { echo "no LineProf package: run build/pack.sh first"; exit 1; }
  rm -rf "$out" && mkdir -p "$out"
  rm -rf "$root/artifacts/sample-packages/lineprof"   # the version stays the same between local packs
  local build profile
  for build in unwoven woven; do
    profile=false; [ "$build" = woven ] && profile=true
    echo "== publishing samples/CatalogApi with LineProfile=$profile"
    dotnet publish "$root/samples/CatalogApi/CatalogApi.csproj" -c Release -nologo -v:q -p:LineProfile=$profile -o "$out/$build" \
      >"$out/publish-$build.log" 2>&1 || { cat "$out/publish-$build.log"; exit 1; }
  done
}

app="" url=""

stop_sample() {
  if [ -n "$app" ]; then kill -TERM "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  app=""
}
trap stop_sample EXIT

# start_sample BUILD LOG [VAR=value ...]: serves $out/BUILD with those environment variables; sets $app and $url.
start_sample() {
  local build="$1" log="$2"; shift 2
  # Request logging is off in every variant alike; the lifetime logger still says where Kestrel listens.
  env "$@" Logging__LogLevel__Default=Warning 'Logging__LogLevel__Microsoft.Hosting.Lifetime=Information' \
    dotnet "$out/$build/CatalogApi.dll" --urls http://127.0.0.1:0 >"$log" 2>&1 &
  app=$!
  url=""
  for _ in $(seq 1 150); do
    url="$(grep -o 'Now listening on: http://127.0.0.1:[0-9]*' "$log" | head -1 | sed 's/Now listening on: //')" || true
    [ -n "$url" ] && return 0
    kill -0 "$app" 2>/dev/null || break
    sleep 0.2
  done
  echo "the sample did not start:"; cat "$log"; exit 1
}

# The app's own CPU (utime + stime), which load elsewhere changes far less than throughput.
sample_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$app/stat"; }
