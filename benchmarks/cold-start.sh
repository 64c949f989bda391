#!/usr/bin/env bash
# Cold start of a one-off run: starts a fresh process per (build, runtime setting) in alternating rounds and prints, per
# process, the README strategy's first 1M-event run against its warm runs (fastest of the later runs in the same
# process), then the median and range of first/warm per setting. Times are the replaying thread's CPU time (see
# Replay/ColdStart.cs), so a loaded machine's waits for a core do not count.
# Builds: "jit" (IL only, as `dotnet build` gives), "r2r" (the engine's and the SDK's assemblies ReadyToRun, the strategy's
# assembly IL, as the CLI running a user's strategy: decision 0072), "r2r-all" (every assembly ReadyToRun, as an
# application published with PublishReadyToRun) and "composite" (every assembly in one composite ReadyToRun image).
# Usage: benchmarks/cold-start.sh [rounds, default 5] [setting names to keep, comma-separated, default all]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
keep="${2:-}"
out="${TMPDIR:-/tmp}/backtester-cold-start"
project=benchmarks/Backtester.Benchmarks
rid=linux-x64
rm -rf "$out"
# Each build from a clean intermediate folder: the ReadyToRun step's outputs there would otherwise be reused across builds.
publish() { rm -rf "$project/obj/Release/net10.0/$rid"; dotnet publish "$project" -c Release -r "$rid" --self-contained false -v q -nologo -o "$out/$1" "${@:2}" > /dev/null; }
settings=(
  "jit/default:jit:"
  "jit/QuickJit=0:jit:DOTNET_TC_QuickJit=0"
  "jit/TieredCompilation=0:jit:DOTNET_TieredCompilation=0"
  "jit/QuickJit=0,TieredPGO=0:jit:DOTNET_TC_QuickJit=0 DOTNET_TieredPGO=0"
  "r2r/default:r2r:"
  "r2r/QuickJit=0:r2r:DOTNET_TC_QuickJit=0"
  "r2r/QuickJitForLoops=0:r2r:DOTNET_TC_QuickJitForLoops=0"
  "r2r/QuickJit=0,TieredPGO=0:r2r:DOTNET_TC_QuickJit=0 DOTNET_TieredPGO=0"
  "r2r/TieredCompilation=0:r2r:DOTNET_TieredCompilation=0"
  "r2r-all/QuickJit=0:r2r-all:DOTNET_TC_QuickJit=0"
  "composite/QuickJit=0:composite:DOTNET_TC_QuickJit=0"
)
# Publish only the builds the kept settings run.
needs() { [[ -z "$keep" || ",$keep," == *",$1/"* ]]; }
needs jit || needs r2r && publish jit
needs r2r-all || needs r2r && publish r2r-all -p:PublishReadyToRun=true
needs composite && publish composite -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true
if needs r2r; then
  cp -r "$out/jit" "$out/r2r"
  cp "$out/r2r-all/Backtester.Engine.dll" "$out/r2r-all/Backtester.Sdk.dll" "$out/r2r/"
fi
log="$out/lines.txt"
: > "$log"
printf '%-34s %s\n' setting "first_ms warm_ms first/warm jit_ms first_wall_ms warm_wall_ms (CPU ms; one line per process)"
for round in $(seq "$rounds"); do
  for entry in "${settings[@]}"; do
    name="${entry%%:*}"; rest="${entry#*:}"; build="${rest%%:*}"; vars="${rest#*:}"
    if [[ -n "$keep" && ",$keep," != *",$name,"* ]]; then continue; fi
    # The runtime config of each build is the benchmark project's (TieredPGO on); only the variables above differ.
    # shellcheck disable=SC2086
    line="$(env $vars dotnet "$out/$build/Backtester.Benchmarks.dll" --cold-start 6)"
    printf '%-34s %s\n' "$name" "$line" | tee -a "$log"
  done
done
echo
printf '%-34s %s\n' setting "first/warm median (min-max); first_ms median; warm_ms median; jit_ms median; over $rounds processes"
awk '{ n[$1]++; r[$1, n[$1]] = $4; f[$1, n[$1]] = $2; w[$1, n[$1]] = $3; j[$1, n[$1]] = $5; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
  function median(a, key, count,   i, m, t, v) { for (i = 1; i <= count; i++) v[i] = a[key, i]
    for (i = 1; i <= count; i++) for (m = i + 1; m <= count; m++) if (v[m] < v[i]) { t = v[i]; v[i] = v[m]; v[m] = t }
    lo = v[1]; hi = v[count]; return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2 }
  END { for (i = 1; i <= k; i++) { s = order[i]; c = n[s]; mr = median(r, s, c); l = lo; h = hi
      printf "%-34s %.2f (%.2f-%.2f); %.1f; %.1f; %.1f\n", s, mr, l, h, median(f, s, c), median(w, s, c), median(j, s, c) } }' "$log"
