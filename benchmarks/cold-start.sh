#!/usr/bin/env bash
# Cold start of a one-off run: starts a fresh process N times under each runtime setting and prints the first 1M-event
# run of the README strategy against its warm runs (fastest of the later runs in the same process).
# Usage: benchmarks/cold-start.sh [processes per setting, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-5}"
dotnet build benchmarks/Backtester.Benchmarks -c Release -v q -nologo > /dev/null
dll=benchmarks/Backtester.Benchmarks/bin/Release/net10.0/Backtester.Benchmarks.dll
settings=(
  "default:"
  "TieredPGO=0:DOTNET_TieredPGO=0"
  "TC_CallCountingDelayMs=0:DOTNET_TC_CallCountingDelayMs=0"
  "TieredPGO=0,CallCountingDelay=0:DOTNET_TieredPGO=0 DOTNET_TC_CallCountingDelayMs=0"
  "TC_QuickJitForLoops=0:DOTNET_TC_QuickJitForLoops=0"
  "TieredCompilation=0:DOTNET_TieredCompilation=0"
  "ReadyToRun=0:DOTNET_ReadyToRun=0"
)
printf '%-36s %s\n' setting "first_ms warm_ms first/warm (one line per process)"
for entry in "${settings[@]}"; do
  name="${entry%%:*}"; vars="${entry#*:}"
  for _ in $(seq "$n"); do
    # shellcheck disable=SC2086
    printf '%-36s %s\n' "$name" "$(env $vars dotnet "$dll" --cold-start 6)"
  done
done
