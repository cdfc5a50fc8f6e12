#!/usr/bin/env bash
# What the weave step costs a build, as users feel it: the LineProfWeave target's time and its share of a full
# `dotnet build --no-incremental`, on the apps `dotnet new` makes (webapi with controllers, mvc, webapp, blazor, worker,
# grpc), on a 221-method API (the webapi template with generated controllers and services) and on a generated library of
# about 20,000 methods, in interleaved rounds of three builds: LineProfile off, on, and on with the package's plain IL
# task (tasks/netstandard2.0/, what every build ran before the task was precompiled), so both are measured side by side.
#   cold: every build a new MSBuild process (MSBUILDDISABLENODEREUSE=1, no MSBuild server): what `dotnet build` of one
#         project does, so loading the task and compiling its code are paid every time;
#   warm: the same builds through one MSBuild server process (DOTNET_CLI_USE_MSBUILD_SERVER=1), like an IDE's build
#         host: round 0 is left out, later rounds find LineProf's task loaded and compiled. The script ends that server.
#         Not for the large library, whose weave step is the weaver's own work (and one build of it takes minutes).
# Usage: bench/weave-cost.sh [app ...]   (after build/pack.sh; bench/run.sh weave does both)
#   apps: webapi mvc webapp blazor worker grpc api220 large (default: all of them)
# Knobs: WEAVE_ROUNDS (3 cold rounds per app), WEAVE_WARM_ROUNDS (3 warm rounds after round 0).
# Results: artifacts/bench/weave-cost/results.tsv and results.md; the apps stay in artifacts/bench-weave-apps/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rounds="${WEAVE_ROUNDS:-3}"
warm_rounds="${WEAVE_WARM_ROUNDS:-3}"
apps=("$@"); [ ${#apps[@]} -eq 0 ] && apps=(webapi mvc webapp blazor worker grpc api220 large)
out="$root/artifacts/bench/weave-cost"
work="$root/artifacts/bench-weave-apps"          # kept between runs: `dotnet new` and restores are not measured
packages="$root/artifacts/bench-weave-packages"
version="$(tr -d '[:space:]' <version.txt)"
[ -n "$(ls artifacts/packages/LineProf."$version".nupkg 2>/dev/null)" ] || { echo "no LineProf package: run build/pack.sh first"; exit 1; }

rm -rf "$out" && mkdir -p "$out" "$work" "$packages"
rm -rf "$packages"/lineprof*    # the version stays the same between local packs
# Built the way a user's app is: its own nuget.config, none of the repository's Directory.Build.* files.
cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="$packages" /></config>
  <packageSources>
    <clear />
    <add key="lineprof" value="$root/artifacts/packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
EOF
for file in Directory.Build.props Directory.Build.targets Directory.Packages.props; do echo "<Project />" >"$work/$file"; done

# One line per build: app, mode, round, variant (off, on, il: see build_once), the whole build (ms), the LineProfWeave target (ms), the weaver's LP0001 figure (ms), methods.
printf "app\tmode\tround\tvariant\tbuild_ms\tweave_target_ms\tweaver_ms\tmethods\n" >"$out/results.tsv"

# Writes the ~220-method API: the webapi template plus 12 controllers of 6 actions over 12 services of 5 methods.
write_api220() { # folder
  mkdir -p "$1/Controllers" "$1/Services"
  local services=""
  for i in $(seq 1 12); do
    cat >"$1/Services/Catalog${i}Service.cs" <<EOF
namespace Api220.Services;

public sealed record Item${i}(int Id, string Name, decimal Price, int Stock);

public sealed class Catalog${i}Service
{
    private readonly Dictionary<int, Item${i}> _items = Enumerable.Range(1, 50)
        .ToDictionary(id => id, id => new Item${i}(id, "item " + id, id * 1.5m, id % 7));

    public IReadOnlyList<Item${i}> List(int skip, int take)
    {
        var page = _items.Values.OrderBy(i => i.Id).Skip(skip).Take(take).ToList();
        return page;
    }

    public Item${i}? Find(int id)
    {
        _items.TryGetValue(id, out var item);
        return item;
    }

    public Item${i} Add(string name, decimal price)
    {
        var id = _items.Count == 0 ? 1 : _items.Keys.Max() + 1;
        var item = new Item${i}(id, name.Trim(), Math.Round(price, 2), 0);
        _items[id] = item;
        return item;
    }

    public bool Remove(int id)
    {
        if (!_items.ContainsKey(id)) return false;
        return _items.Remove(id);
    }

    public decimal StockValue()
    {
        decimal total = 0;
        foreach (var item in _items.Values) total += item.Price * item.Stock;
        return total;
    }
}
EOF
    cat >"$1/Controllers/Catalog${i}Controller.cs" <<EOF
using Api220.Services;
using Microsoft.AspNetCore.Mvc;

namespace Api220.Controllers;

[ApiController]
[Route("catalog${i}")]
public sealed class Catalog${i}Controller(Catalog${i}Service service) : ControllerBase
{
    [HttpGet]
    public IActionResult List(int skip = 0, int take = 10)
    {
        if (take is < 1 or > 100) return BadRequest("take must be 1 to 100");
        return Ok(service.List(skip, take));
    }

    [HttpGet("{id:int}")]
    public IActionResult Get(int id)
    {
        var item = service.Find(id);
        return item is null ? NotFound() : Ok(item);
    }

    [HttpPost]
    public IActionResult Add(string name, decimal price)
    {
        if (string.IsNullOrWhiteSpace(name)) return BadRequest("name is required");
        var item = service.Add(name, price);
        return CreatedAtAction(nameof(Get), new { id = item.Id }, item);
    }

    [HttpDelete("{id:int}")]
    public IActionResult Remove(int id)
    {
        var removed = service.Remove(id);
        return removed ? NoContent() : NotFound();
    }

    [HttpGet("value")]
    public IActionResult Value()
    {
        var value = service.StockValue();
        return Ok(new { value, currency = "EUR" });
    }

    [HttpGet("search")]
    public IActionResult Search(string text)
    {
        var matches = service.List(0, 100).Where(i => i.Name.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList();
        return Ok(matches);
    }
}
EOF
    services+="builder.Services.AddSingleton<Api220.Services.Catalog${i}Service>();"$'\n'
  done
  # Registers the services before the app is built.
  local program="$1/Program.cs"
  awk -v services="$services" '/builder.Build\(\)/ && !done { printf "%s", services; done = 1 } { print }' "$program" >"$program.new"
  mv "$program.new" "$program"
}

# Writes the 20,000-method library: 56 types of 40 groups of a property, a loop, a switch expression, a lambda, an
# async method, an iterator and a try/catch/finally (9 woven methods a group, counting state machines and lambdas).
write_large() { # folder
  rm -f "$1/Class1.cs"
  local file type group
  for file in $(seq 0 7); do
    {
      printf 'namespace Large;\n\n'
      for type in $(seq $((file * 7)) $((file * 7 + 6))); do
        printf 'public class Type%s\n{\n    private int _state;\n\n' "$type"
        for group in $(seq 0 39); do
          sed "s/@G/$group/g; s/@M/$((group % 3))/g" <<'EOF'
    public int Value@G
    {
        get { return _state + @G; }
        set { _state = value - @G; }
    }

    public int Compute@G(int x)
    {
        int sum = 0;
        for (int k = 0; k < x; k++)
        {
            if (k % 3 == @M) sum += k;
            else sum -= 1;
        }

        return sum;
    }

    public string Describe@G(int x) => x switch
    {
        0 => "zero",
        < 0 => "negative",
        _ => "positive " + (x + @G),
    };

    public int Filter@G(int[] values) => values.Where(v => v > @G + _state).Sum();

    public async Task<int> Fetch@G(int x)
    {
        await Task.Yield();
        return x + @G;
    }

    public IEnumerable<int> Range@G(int n)
    {
        for (int k = 0; k < n; k++) yield return k * @G;
    }

    public int Parse@G(string s)
    {
        try
        {
            return int.Parse(s) + @G;
        }
        catch (FormatException)
        {
            return -1;
        }
        finally
        {
            _state++;
        }
    }

EOF
        done
        printf '}\n\n'
      done
    } >"$1/Generated$file.cs"
  done
}

# Makes the app once (kept between runs) and restores it; prints its project path.
make_app() { # app
  local folder="$work/$1" name
  case "$1" in
    webapi) name=WebApiApp ;; mvc) name=MvcApp ;; webapp) name=RazorApp ;; blazor) name=BlazorApp ;;
    worker) name=WorkerApp ;; grpc) name=GrpcApp ;; api220) name=Api220 ;; large) name=Large ;;
  esac
  local project="$folder/$name.csproj"
  if [ ! -f "$project" ]; then
    rm -rf "$folder"
    case "$1" in
      webapi|api220) dotnet new webapi --use-controllers -o "$folder" -n "$name" --no-restore >/dev/null ;;
      large) dotnet new classlib -o "$folder" -n "$name" --no-restore >/dev/null ;;
      blazor) dotnet new blazor --interactivity Server -o "$folder" -n "$name" --no-restore >/dev/null ;;
      *) dotnet new "$1" -o "$folder" -n "$name" --no-restore >/dev/null ;;
    esac
    # The gRPC template asks for a Grpc.AspNetCore the package mirror does not serve.
    sed -i 's|Include="Grpc.AspNetCore" Version="2.64.0"|Include="Grpc.AspNetCore" Version="2.65.0"|' "$project"
    sed -i "s|</Project>|  <ItemGroup><PackageReference Include=\"LineProf\" Version=\"$version\" /></ItemGroup>\n</Project>|" "$project"
    [ "$1" = api220 ] && write_api220 "$folder"
    [ "$1" = large ] && write_large "$folder"
  fi
  dotnet restore "$project" -v:q >/dev/null
  echo "$project"
}

# One full rebuild; appends its line to results.tsv and prints it. Variants: off (LineProfile=false), on
# (LineProfile=true, the task LineProf.targets picks: precompiled where the package has it) and il (LineProfile=true with
# the package's plain IL task, tasks/netstandard2.0/, as every build used before the precompiled one).
build_once() { # app mode round variant project
  local log="$out/$1-$2-$4-$3.log" start ms target weaver methods properties
  case "$4" in
    off) properties=(-p:LineProfile=false) ;;
    on) properties=(-p:LineProfile=true) ;;
    il) properties=(-p:LineProfile=true "-p:LineProfTaskAssembly=$packages/lineprof/$version/tasks/netstandard2.0/LineProf.MSBuild.dll") ;;
  esac
  start=$(date +%s%N)
  dotnet build "$5" -c Release --no-restore --no-incremental -m:1 -v:m -clp:PerformanceSummary "${properties[@]}" >"$log" 2>&1 \
    || { cat "$log"; exit 1; }
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  target="$(sed -n 's/^ *\([0-9]*\) ms  *LineProfWeave  *[0-9]* calls.*/\1/p' "$log" | head -1)"
  weaver="$(sed -n 's/.*LP0001: .*in \([0-9]*\) methods (\([0-9]*\) ms).*/\2/p' "$log" | head -1)"
  methods="$(sed -n 's/.*LP0001: .*in \([0-9]*\) methods (\([0-9]*\) ms).*/\1/p' "$log" | head -1)"
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$1" "$2" "$3" "$4" "$ms" "${target:--}" "${weaver:--}" "${methods:--}" >>"$out/results.tsv"
  printf "  %-7s %-5s round %s %-3s build %6s ms  weave step %5s ms  weaver %5s ms  %s methods\n" \
    "$1" "$2" "$3" "$4" "$ms" "${target:--}" "${weaver:--}" "${methods:--}"
}

# Ends the MSBuild server this script started (found by a marker in its environment), and only that one. Its process
# is named MSBuild, not dotnet; a server someone else started has no marker, and the script's builds reuse it as it is.
server_marker="lineprof-weave-cost"
stop_server() {
  local pid
  for pid in $(pgrep -u "$(id -u)" 2>/dev/null || true); do
    if tr '\0' '\n' 2>/dev/null <"/proc/$pid/environ" | grep -qx "LINEPROF_BENCH_MARKER=$server_marker"; then kill "$pid" 2>/dev/null || true; fi
  done
}
trap stop_server EXIT

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for app in "${apps[@]}"; do
  echo "== $app"
  project="$(make_app "$app")"
  dotnet build "$project" -c Release --no-restore -v:q -p:LineProfile=true >/dev/null   # the SDK's own first-build work
  for round in $(seq 1 "$rounds"); do
    for variant in off on il; do build_once "$app" cold "$round" "$variant" "$project"; done
  done
  # Warm: one MSBuild server for the app's warm builds; its first build (round 0) loads everything and is left out.
  # Not for the large library: one build of it takes minutes, and its weave step is the weaver's work, not loading.
  [ "$app" = large ] && continue
  for round in $(seq 0 "$warm_rounds"); do
    for variant in off on il; do
      LINEPROF_BENCH_MARKER="$server_marker" DOTNET_CLI_USE_MSBUILD_SERVER=1 MSBUILDDISABLENODEREUSE=0 \
        build_once "$app" warm "$round" "$variant" "$project"
    done
  done
  stop_server
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
awk -F'\t' '
  function median(key, column,   count, i, j, x, v) {
    count = 0
    for (i = 1; i <= rows; i++) if (k[i] == key && col[i, column] != "-") v[++count] = col[i, column] + 0
    if (count == 0) return "-"
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { x = v[i]; v[i] = v[j]; v[j] = x }
    return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
  }
  function share(part, whole) { return (part != "-" && whole != "-" && whole > 0) ? sprintf("%.1f%%", 100 * part / whole) : "-" }
  NR == 1 { next }
  $2 == "warm" && $3 == 0 { next }
  {
    rows++; k[rows] = $1 SUBSEP $2 SUBSEP $4
    for (c = 5; c <= 8; c++) col[rows, c] = $c
    if (!(($1, $2) in seen)) { seen[$1, $2] = 1; order[++n] = $1 SUBSEP $2 }
  }
  END {
    print "| app | methods | builds | build off (ms) | build on (ms) | weave step (ms) | weaver, LP0001 (ms) | weave step / build | IL task: weave step (ms) | IL task: / build |"
    print "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= n; i++) {
      split(order[i], p, SUBSEP); key = p[1] SUBSEP p[2] SUBSEP
      on = median(key "on", 5); step = median(key "on", 6); il = median(key "il", 6); ilbuild = median(key "il", 5)
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", p[1], median(key "on", 8), p[2], median(key "off", 5), on, step,
        median(key "on", 7), share(step, on), il, share(il, ilbuild)
    }
  }' "$out/results.tsv" | tee "$out/results.md"
echo
echo "Medians: $rounds cold rounds, $warm_rounds warm rounds (after one left out) per app. Full table: $out/results.tsv"
