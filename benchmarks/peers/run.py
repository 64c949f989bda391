"""Engine vs numba on the README's SmaCross: first prove identical results, then time both alternately.

Run through run.sh (which makes sure Debian's numba is there); see README.md beside this file. Steps:

1. build benchmarks/Backtester.Benchmarks (Release) and export its synthetic trades (1M by default) as column files;
2. proof: for each option set, one C# run (`peers check`, every fill kept) and one numba run over the same files must
   give the same fills (count, and every fill's time, order id, symbol, side, price, quantity, fee: bit for bit, plus
   a SHA-256 of the fill columns), the same summary (net PnL, fees, realized PnL, turnover, round trips, drawdown...,
   to 1e-9 relative), the same final position per symbol and the same final fast and slow averages (bit for bit); any difference
   stops the script;
3. timing: one long-lived C# process (`peers serve`, warmed up) and the numba function (compiled before, compile time
   reported apart) take turns, round after round, each timing K back-to-back runs in its own process with its own
   clock (Stopwatch / perf_counter). Three loops take part: the C# engine (generated driver), the same work as one
   hand-written C# loop (Peers/ReadmeHandWritten.cs, the numba loop's twin), and numba. A round is K turns, a turn one
   run of each loop, the order rotating from turn to turn, so the three see the same load; a round's ratio is one
   median over another. Prints every round, the median ratios and their spread (min-max), and the ratio of minima.
"""

import argparse
import atexit
import hashlib
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PROJECT = os.path.join(ROOT, "benchmarks", "Backtester.Benchmarks")
sys.path.insert(0, HERE)

import smacross_numba  # noqa: E402  (after the path is set)

RTOL = 1e-9
SUMMARY_KEYS = ("events", "fills", "round_trips", "wins", "losses", "final_equity", "net_pnl", "realized_pnl",
                "unrealized_pnl", "fees", "turnover", "max_drawdown", "max_drawdown_percent", "max_drawdown_duration_ns",
                "exposure", "equity_samples", "sharpe")
FILL_COLUMNS = ("timestamp", "order_id", "symbol", "side", "price", "quantity", "fee")


def parse_args():
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("--events", type=int, default=1_000_000, help="trades to export and replay (default 1M)")
    a.add_argument("--rounds", type=int, default=10, help="alternating timing rounds (default 10)")
    a.add_argument("--runs", type=int, default=5, help="turns per round, a turn being one run of each loop (default 5)")
    a.add_argument("--warmup", type=int, default=30, help="C# warm-up runs before timing (default 30)")
    a.add_argument("--work", help="directory for the exported trades and fills (default: a temporary one, deleted at the end)")
    a.add_argument("--no-build", action="store_true", help="use the benchmark project as already built")
    a.add_argument("--json", help="also write the results to this JSON file")
    for name, default in (("fast", 100), ("slow", 1000), ("latency-ns", 2_000_000)):
        a.add_argument("--" + name, type=int, default=default)
    for name, default in (("size", 1.0), ("taker-bps", 2.0), ("slippage-bps", 0.0)):
        a.add_argument("--" + name, type=float, default=default)
    return a.parse_args()


def settings_args(s):
    return ["--fast", str(s["fast"]), "--slow", str(s["slow"]), "--size", repr(s["size"]), "--latency-ns", str(s["latency_ns"]),
            "--taker-bps", repr(s["taker_bps"]), "--slippage-bps", repr(s["slippage_bps"])]


def read_table(directory, name):
    with open(os.path.join(directory, name + ".json")) as f:
        header = json.load(f)
    if header.get("format") != "backtester-columns/1":
        raise SystemExit(f"{directory}/{name}.json: unknown format {header.get('format')!r}")
    columns = {}
    for c in header["columns"]:
        path = os.path.join(directory, c["file"])
        values = np.fromfile(path, dtype=np.dtype(c["dtype"]))
        if len(values) != header["rows"]:
            raise SystemExit(f"{path}: {len(values)} values, header says {header['rows']} rows")
        columns[c["name"]] = values
    return header, columns


# The equity sampling interval: the engine resolves its automatic interval from the data's span (EquitySampling), so
# the proof reads the one the C# run used (`equity_interval_ns` of `peers check`) and every numba run after it uses it.
INTERVAL_NS = 86_400_000_000_000


def numba_run(trades, n_symbols, s, record_fills):
    return smacross_numba.run(trades["timestamp"], trades["symbol"], trades["price"], n_symbols, s["fast"], s["slow"], float(s["size"]),
                              s["latency_ns"], float(s["taker_bps"]), 0.0, float(s["slippage_bps"]), 100_000.0,
                              INTERVAL_NS, record_fills)


def fills_hash(columns):
    h = hashlib.sha256()
    for name, dtype in zip(FILL_COLUMNS, ("<i8", "<i8", "<i8", "<i8", "<f8", "<f8", "<f8")):
        h.update(np.ascontiguousarray(columns[name], dtype=np.dtype(dtype)).tobytes())
    return h.hexdigest()


def close(a, b):
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)) or (isinstance(b, float) and math.isnan(b)):
        none_a = a is None or math.isnan(a)
        none_b = b is None or math.isnan(b)
        return none_a and none_b
    return a == b or abs(a - b) <= RTOL * max(1.0, abs(a), abs(b))


def prove(dll, work, trades, n_symbols, s, label):
    """One C# run and one numba run with every fill; stops the script on any difference."""
    out = subprocess.run(["dotnet", dll, "peers", "check", work] + settings_args(s), check=True, capture_output=True, text=True).stdout
    cs = json.loads(out)
    global INTERVAL_NS
    INTERVAL_NS = cs["equity_interval_ns"]
    _, cs_fills = read_table(work, "fills")
    summary, position, average, realized, fees, f, fast_values, slow_values = numba_run(trades, n_symbols, s, True)
    nb = smacross_numba.summary_dict(summary, INTERVAL_NS)
    nb_fills = dict(zip(FILL_COLUMNS, f))

    problems = []
    for key in SUMMARY_KEYS:
        if not close(cs["summary"][key], nb[key]):
            problems.append(f"summary {key}: C# {cs['summary'][key]!r}, numba {nb[key]!r}")
    for j, p in enumerate(cs["positions"]):
        for key, values in (("position", position), ("average_price", average), ("realized_pnl", realized), ("fees", fees)):
            if not close(p[key], float(values[j])):
                problems.append(f"{p['symbol']} {key}: C# {p[key]!r}, numba {float(values[j])!r}")
    # the final averages bit for bit: the port must do the SDK's Sma arithmetic, not merely reach the same decisions
    smas_identical = True
    for j, a in enumerate(cs["sma"]):
        for key, values in (("fast", fast_values), ("slow", slow_values)):
            c, n = a[key], float(values[j])
            if not ((c is None and math.isnan(n)) or (c is not None and float(c).hex() == n.hex())):
                smas_identical = False
                problems.append(f"{a['symbol']} final {key} SMA: C# {c!r}, numba {n!r} (must be bit-identical)")
    identical = len(cs_fills["timestamp"]) == len(nb_fills["timestamp"])
    if not identical:
        problems.append(f"fill count: C# {len(cs_fills['timestamp'])}, numba {len(nb_fills['timestamp'])}")
    else:
        for name in FILL_COLUMNS:
            a, b = cs_fills[name].astype(nb_fills[name].dtype), nb_fills[name]
            if not np.array_equal(a, b):
                k = int(np.nonzero(a != b)[0][0])
                problems.append(f"fill {k} {name}: C# {a[k]!r}, numba {b[k]!r}")
                identical = False
    cs_hash, nb_hash = fills_hash(cs_fills), fills_hash(nb_fills)
    print(f"proof [{label}]: {nb['fills']} fills, net PnL {cs['summary']['net_pnl']:.9f} (C#) vs {nb['net_pnl']:.9f} (numba), "
          f"fees {cs['summary']['fees']:.9f} vs {nb['fees']:.9f}")
    print(f"  fills hash C# {cs_hash[:16]}, numba {nb_hash[:16]}; per-fill columns bit-identical: {identical and cs_hash == nb_hash}")
    print(f"  final SMAs bit-identical: {smas_identical} (" +
          ", ".join(f"{a['symbol']} {a['fast']}/{a['slow']}" for a in cs["sma"]) + ")")
    print("  final positions: " + ", ".join(f"{p['symbol']} {p['position']:g} @ {p['average_price']}" for p in cs["positions"]))
    if problems:
        print("  DIFFERENCES:\n    " + "\n    ".join(problems[:20]))
        raise SystemExit(f"proof [{label}] failed: C# and numba disagree")
    return {"label": label, "settings": s, "csharp": cs, "numba": {k: nb[k] for k in SUMMARY_KEYS}, "fills_sha256": cs_hash}


class CSharpServer:
    """`peers serve`: one warm C# process answering 'time K' with K run times measured in process."""

    def __init__(self, dll, work, s):
        self.p = subprocess.Popen(["dotnet", dll, "peers", "serve", work] + settings_args(s), stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, bufsize=1)
        self.hello = self._read()

    def _read(self):
        line = self.p.stdout.readline()
        if not line:
            raise SystemExit(f"peers serve stopped (exit code {self.p.wait()})")
        return json.loads(line)

    def ask(self, command):
        self.p.stdin.write(command + "\n")
        self.p.stdin.flush()
        return self._read()

    def close(self):
        self.p.stdin.write("quit\n")
        self.p.stdin.close()
        self.p.wait()


def time_numba(trades, n_symbols, s, runs):
    ms = []
    fills = 0
    for _ in range(runs):
        start = time.perf_counter_ns()
        summary = numba_run(trades, n_symbols, s, False)[0]
        ms.append((time.perf_counter_ns() - start) / 1e6)
        fills = int(summary[1])
    return ms, fills


def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} logical cores, {model}, {platform.system()} {platform.release()}"


def main():
    args = parse_args()
    s = {"fast": args.fast, "slow": args.slow, "size": args.size, "latency_ns": args.latency_ns,
         "taker_bps": args.taker_bps, "slippage_bps": args.slippage_bps}
    if not args.no_build:
        subprocess.run(["dotnet", "build", PROJECT, "-c", "Release", "-v", "quiet", "-nologo"], check=True, stdout=subprocess.DEVNULL)
    dll = os.path.join(PROJECT, "bin", "Release", "net10.0", "Backtester.Benchmarks.dll")
    work = args.work or tempfile.mkdtemp(prefix="bt-peers-")
    if not args.work:
        atexit.register(shutil.rmtree, work, True)
    subprocess.run(["dotnet", dll, "peers", "export-trades", work, "--events", str(args.events)], check=True, stdout=subprocess.DEVNULL)
    header, trades = read_table(work, "trades")
    n_symbols = len(header["symbols"])
    print(f"data: {header['source']}, {header['rows']:,} trades, in {work}")
    print(f"strategy: README SmaCross, Fast={s['fast']} Slow={s['slow']} Size={s['size']:g}; "
          f"OrderLatencyNs={s['latency_ns']}, TakerFeeBps={s['taker_bps']:g}, SlippageBps={s['slippage_bps']:g}")
    import numba
    print(f"numba {numba.__version__}, numpy {np.__version__}, Python {platform.python_version()} ({sys.executable}); machine: {machine()}")

    start = time.perf_counter()
    numba_run(trades, n_symbols, s, False)
    first_call = time.perf_counter() - start
    ms, _ = time_numba(trades, n_symbols, s, 1)
    print(f"numba compile: first call {first_call:.2f} s (compile + one run; a run alone is {ms[0]:.1f} ms), excluded from timing")

    proofs = [prove(dll, work, trades, n_symbols, s, "the options above")]
    slipped = dict(s, slippage_bps=1.5, taker_bps=5.0, latency_ns=500_000)
    proofs.append(prove(dll, work, trades, n_symbols, slipped, "slippage 1.5 bps, taker 5 bps, latency 0.5 ms"))

    server = CSharpServer(dll, work, s)
    print(f"C#: .NET {server.hello['runtime']}, warming up with {args.warmup} runs of each C# loop...")
    warm_engine = server.ask(f"warm {args.warmup} engine")
    warm_hand = server.ask(f"warm {args.warmup} handwritten")
    for key in ("fills", "net_pnl", "fees"):
        if not close(warm_engine[key], warm_hand[key]):
            raise SystemExit(f"the hand-written C# loop disagrees with the engine on {key}: {warm_hand[key]!r} vs {warm_engine[key]!r}")
    time_numba(trades, n_symbols, s, 3)
    load_before = os.getloadavg()
    rounds = []
    sides = ("engine", "handwritten", "numba")
    print(f"\nper round: {args.runs} turns, each turn one run of each loop (order rotating); medians in ms")
    print(f"{'round':>5} {'C# engine':>10} {'C# hand':>8} {'numba':>8} {'numba/engine':>13} {'numba/hand':>11} {'engine/hand':>12}")
    expected = proofs[0]["numba"]["fills"]
    turn = 0
    for r in range(args.rounds):
        ms = {side: [] for side in sides}
        for _ in range(args.runs):
            for k in range(3):
                side = sides[(turn + k) % 3]
                if side == "numba":
                    one, fills = time_numba(trades, n_symbols, s, 1)
                else:
                    reply = server.ask(f"time 1 {side}")
                    one, fills = reply["ms"], reply["fills"]
                if fills != expected:
                    raise SystemExit(f"round {r + 1}: {side} made {fills} fills, expected {expected}")
                ms[side] += one
            turn += 1
        m = {k: statistics.median(v) for k, v in ms.items()}
        row = {"ms": ms, "median_ms": m, "numba_over_engine": m["numba"] / m["engine"], "numba_over_handwritten": m["numba"] / m["handwritten"],
               "engine_over_handwritten": m["engine"] / m["handwritten"]}
        rounds.append(row)
        print(f"{r + 1:>5} {m['engine']:>10.2f} {m['handwritten']:>8.2f} {m['numba']:>8.2f} {row['numba_over_engine']:>13.2f} "
              f"{row['numba_over_handwritten']:>11.2f} {row['engine_over_handwritten']:>12.2f}")
    server.close()
    load_after = os.getloadavg()

    def spread(key):
        values = [x[key] for x in rounds]
        return statistics.median(values), min(values), max(values)

    print()
    for key, text in (("numba_over_engine", "numba / C# engine"), ("numba_over_handwritten", "numba / hand-written C#"),
                      ("engine_over_handwritten", "C# engine / hand-written C#")):
        med, lo, hi = spread(key)
        print(f"{text:>28}: median {med:.2f}, spread {lo:.2f}-{hi:.2f} over {len(rounds)} rounds")
    minima = {}
    for side in sides:
        every = [t for x in rounds for t in x["ms"][side]]
        minima[side] = min(every)
        print(f"{side:>28}: median {statistics.median(every):.2f} ms, min {min(every):.2f} ms over {len(every)} runs")
    print(f"{'ratio of the minima':>28}: numba / engine {minima['numba'] / minima['engine']:.2f}, numba / hand-written "
          f"{minima['numba'] / minima['handwritten']:.2f}, engine / hand-written {minima['engine'] / minima['handwritten']:.2f}")
    print(f"({header['rows']:,} trades, {proofs[0]['numba']['fills']} fills; load average (1 min) {load_before[0]:.2f} before, {load_after[0]:.2f} after)")
    median, lo, hi = spread("numba_over_engine")
    if median > 1:
        print(f"verdict: the C# engine is {median:.2f}x as fast as the numba loop (median of the rounds; spread {lo:.2f}-{hi:.2f})")
    else:
        print(f"verdict: the C# engine is SLOWER than the numba loop: numba takes {median:.2f}x the engine's time (median; spread {lo:.2f}-{hi:.2f})")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": machine(), "events": header["rows"], "settings": s, "numba_first_call_s": first_call,
                       "proofs": proofs, "rounds": rounds, "numba_over_engine": spread("numba_over_engine"),
                       "numba_over_handwritten": spread("numba_over_handwritten"), "engine_over_handwritten": spread("engine_over_handwritten"),
                       "minima_ms": minima,
                       "load_before": load_before, "load_after": load_after}, f, indent=2)


if __name__ == "__main__":
    main()
