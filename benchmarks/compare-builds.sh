#!/usr/bin/env bash
# Times two builds of the benchmark project against each other, process by process, alternating: for changes that
# --paired cannot hold side by side in one process (the same code, compiled two ways).
# The Benchmarks project's --paired-builds DIR_A DIR_B --variant NAME does the same in one process (each build in its own
# AssemblyLoadContext), which on a shared VM resolves differences of about 2 % in 5 rounds, where fresh processes differ
# by 10-20 % (docs/performance.md).
#
#   benchmarks/compare-builds.sh BASE_DIR NEW_DIR [ROUNDS] [VARIANTS]
#
# BASE_DIR and NEW_DIR are copies of benchmarks/Backtester.Benchmarks/bin/Release/net10.0 made before and after the
# change (cp -r). Each round runs one fresh process of each build, in turn, with
# `--paired --cpu --variants VARIANTS --rounds 1 --runs 2 --warmup 1` (default VARIANTS: sweep-lockstep,sweep-unlimited),
# and prints each build's first variant's median (process CPU time, ms), the ratio new / base of the round, and the load.
# RUNS and WARMUP (environment, default 2 and 1) set the turns and warm-up runs per process: short runs such as the
# README SmaCross (about 20 ms) need RUNS=20 WARMUP=40 for the runtime to have tiered the replay up (30 calls).
set -euo pipefail
base="${1:?usage: compare-builds.sh BASE_DIR NEW_DIR [ROUNDS] [VARIANTS]}"
new="${2:?usage: compare-builds.sh BASE_DIR NEW_DIR [ROUNDS] [VARIANTS]}"
rounds="${3:-3}"
variants="${4:-sweep-lockstep,sweep-unlimited}"
for dir in "$base" "$new"; do
  [ -f "$dir/Backtester.Benchmarks.dll" ] || { echo "compare-builds.sh: no Backtester.Benchmarks.dll in $dir" >&2; exit 2; }
done
median() { dotnet "$1/Backtester.Benchmarks.dll" --paired --cpu --variants "$variants" --rounds 1 --runs "${RUNS:-2}" --warmup "${WARMUP:-1}" 2>&1 \
  | awk -F'|' '/^\| 1 \|/ { gsub(/ /, "", $3); print $3 }'; }
echo "round | base ms | new ms | new / base | load"
for r in $(seq 1 "$rounds"); do
  b=$(median "$base"); n=$(median "$new")
  [ -n "$b" ] && [ -n "$n" ] || { echo "compare-builds.sh: a run printed no result" >&2; exit 1; }
  echo "$r | $b | $n | $(awk -v b="$b" -v n="$n" 'BEGIN { printf "%.3f", n / b }') | $(cut -d' ' -f1 /proc/loadavg)"
done
