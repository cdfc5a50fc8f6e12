#!/usr/bin/env bash
# Installs what the tests need, builds and packs LineProf, runs every test project, and ends with
#   N passed, N failed, N skipped
# exiting non-zero when anything failed. Usage: build/test.sh [dotnet test --filter expression]
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# A long-lived MSBuild node would keep an older LineProf task loaded after a repack.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
filter="${1:-}"

# Debian packages the tests drive for real (browsers, servers, load generators). Chromium runs the browser tests
# of the report; Mono and nginx serve the classic ASP.NET app of LineProf.SystemWeb.Tests (Debian's xsp4 crashes on
# Mono 6.8, its FastCGI server works). Go's pprof (golang-go) reads the pprof profiles LineProf exports.
system_packages=(chromium mono-complete mono-fastcgi-server4 nginx golang-go)
ensure_system_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
if [ ${#system_packages[@]} -gt 0 ]; then
  ensure_system_packages "${system_packages[@]}" || { echo "could not install ${system_packages[*]}"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
fi

if ! build/pack.sh; then
  echo "build or pack failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
passed=0 failed=0 skipped=0

# Runs the tests of $2 that $3 selects (every one when empty), under the command prefix in the rest of the arguments,
# and adds their outcomes to the totals. $1 names the run's results file.
run_tests() {
  local name="$1" project="$2" selection="$3"
  shift 3
  echo "=== $name"
  local args=(test "$project" -c Release -nologo --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$results")
  [ -n "$selection" ] && args+=(--filter "$selection")
  "$@" dotnet "${args[@]}"
  local trx="$results/$name.trx"
  if [ ! -f "$trx" ]; then
    echo "$name produced no results (it did not build, or its test host crashed)"
    failed=$((failed + 1))
    return
  fi
  local counters
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  count() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  local total p f
  total=$(count total); p=$(count passed); f=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + total - p - f))
}

# Tests that compare a call's cost as the probe measured it on one thread with what calls cost later on another run
# in a process of their own, on one processor: a cloud VM's vCPUs can differ in speed (see CallCalibrationTests).
one_processor="OneProcessor"   # CallCalibrationTests.OneProcessor
pinned=(); command -v taskset >/dev/null 2>&1 && pinned=(taskset -c 0)
both() { [ -n "$filter" ] && echo "($filter)&$1" || echo "$1"; }

for project in tests/*.Tests/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  run_tests "$name" "$project" "$(both "TestCategory!=$one_processor")"
  if grep -rqs --include='*.cs' "Category($one_processor)" "$(dirname "$project")"; then
    run_tests "$name.$one_processor" "$project" "$(both "TestCategory=$one_processor")" "${pinned[@]}"
  fi
done

# A CI log is often read from its end: name what failed there, with the first line of why.
if [ "$failed" -gt 0 ]; then
  echo "=== failed tests"
  for trx in "$results"/*.trx; do
    python3 - "$trx" <<'PY' 2>/dev/null || grep -o 'testName="[^"]*" [^>]*outcome="Failed"' "$trx"
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for result in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if result.get("outcome") in ("Failed", "Error", "Timeout", "Aborted"):
        message = result.findtext(".//t:Message", "", ns).strip().splitlines()
        print(f"{result.get('testName')}: {' | '.join(message[:3])[:400]}")
PY
  done
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
