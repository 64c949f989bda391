"""Small analyses of Backtester results with polars.

    python samples/python/analysis.py out/run                 # PnL by hour and per symbol from fills.arrow
    python samples/python/analysis.py out/sweep/sweep.arrow   # best sweep rows and a pivot of two parameters

Needs polars >= 1.0.
"""
import sys
from pathlib import Path

import polars as pl


def round_trip_cash_flows(fills: pl.DataFrame) -> pl.DataFrame:
    # side is int8: 1 buy, -1 sell. Cash flow of a fill = -side * price * quantity - fee; summed over a period with a
    # flat position at both ends it is that period's PnL (approximate when positions stay open across periods).
    return fills.with_columns(
        (-pl.col("side").cast(pl.Float64) * pl.col("price") * pl.col("quantity") - pl.col("fee")).alias("cash_flow")
    )


def fills_report(folder: Path) -> None:
    fills = round_trip_cash_flows(pl.read_ipc(folder / "fills.arrow", memory_map=True))
    by_hour = (
        fills.group_by(pl.col("timestamp").dt.hour().alias("hour_utc"))
        .agg(pl.len().alias("fills"), pl.col("cash_flow").sum().alias("cash_flow"), pl.col("fee").sum().alias("fees"))
        .sort("hour_utc")
    )
    print("Fills and cash flow by hour of day (UTC):")
    print(by_hour)
    by_symbol = fills.group_by("symbol_id").agg(
        pl.len().alias("fills"),
        (pl.col("price") * pl.col("quantity")).sum().alias("turnover"),
        pl.col("is_maker").mean().alias("maker_share"),
    )
    print(by_symbol.sort("symbol_id"))


def sweep_report(path: Path, x: str = "fast", y: str = "slow", stat: str = "net_pnl") -> None:
    sweep = pl.read_ipc(path, memory_map=True).filter(pl.col("error").is_null())
    print(f"Best 10 of {sweep.height} combinations by {stat}:")
    print(sweep.sort(stat, descending=True, nulls_last=True).head(10))
    if x in sweep.columns and y in sweep.columns:
        print(f"Best {stat} for each ({y}, {x}):")
        print(sweep.pivot(on=x, index=y, values=stat, aggregate_function="max").sort(y))


def main(arguments: list[str]) -> None:
    target = Path(arguments[0] if arguments else "out/SmaCross/sweep.arrow")
    if target.is_dir():
        fills_report(target)
    else:
        sweep_report(target, *arguments[1:4])


if __name__ == "__main__":
    main(sys.argv[1:])
