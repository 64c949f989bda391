"""Read every Backtester result file with polars and with pyarrow, memory-mapped (no copy).

    python samples/python/read_results.py out/run out/sweep/sweep.arrow

A run folder holds summary.arrow, fills.arrow, equity.arrow and one file per logged record type
(e.g. signal.arrow from samples/SignalLog); a sweep writes sweep.arrow. Needs polars >= 1.0 and pyarrow >= 15.
"""
import json
import sys
from pathlib import Path

import polars as pl
import pyarrow as pa


def with_polars(path: Path) -> pl.DataFrame:
    # memory_map=True maps the uncompressed Arrow IPC file instead of reading it into memory.
    return pl.read_ipc(path, memory_map=True)


def with_pyarrow(path: Path) -> pa.Table:
    with pa.memory_map(str(path), "r") as source:
        reader = pa.ipc.open_file(source)
        table = reader.read_all()  # zero-copy: the columns point into the mapping
        metadata = {k.decode(): v.decode() for k, v in (reader.schema.metadata or {}).items()}
    for key in ("backtester.strategy", "backtester.parameters", "backtester.data_source", "backtester.data.fingerprint",
                "backtester.options.taker_fee_bps", "backtester.engine_version"):
        if key in metadata:
            print(f"  {key} = {metadata[key]}")
    return table


def show(path: Path) -> None:
    print(f"== {path}")
    table = with_pyarrow(path)
    print(f"  pyarrow: {table.num_rows} rows, columns {table.column_names}")
    frame = with_polars(path)
    print(frame.head(5))


def main(arguments: list[str]) -> None:
    for argument in arguments or ["out/SmaCross/best", "out/SmaCross/sweep.arrow"]:
        target = Path(argument)
        files = sorted(target.glob("*.arrow")) if target.is_dir() else [target]
        for path in files:
            show(path)
        summary = target / "summary.arrow" if target.is_dir() else None
        if summary is not None and summary.exists():
            row = with_polars(summary).row(0, named=True)
            print("summary:", json.dumps({k: row[k] for k in ("net_pnl", "sharpe", "max_drawdown", "fills")}, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
