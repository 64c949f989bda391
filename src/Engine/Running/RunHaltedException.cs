using System;
using System.Globalization;

namespace Backtester;

/// <summary>
/// A run stopped because a fill made the account's cash, equity or a position non-finite (infinite or NaN), which
/// would otherwise turn every later statistic into NaN with no sign of where it started. The message names the
/// event time, the symbol and the order whose fill did it, e.g.
/// <c>run halted at 2024-01-01T00:00:05.000000000Z (1704067205000000000 ns), symbol BTCUSDT, order 17: the position became ∞ after a buy fill of 1E+308 at 42000</c>.
/// In a sweep the combination's row records this message as its error.
/// </summary>
public sealed class RunHaltedException : BacktesterException
{
    /// <summary>Creates the exception for the fill of <paramref name="orderId"/> on <paramref name="symbol"/> at <paramref name="time"/>.</summary>
    public RunHaltedException(long time, string symbol, long orderId, string problem)
        : base($"run halted at {Timestamp(time)} ({time} ns), symbol {symbol}, order {orderId}: {problem}")
    {
        Time = time;
        Symbol = symbol;
        OrderId = orderId;
    }

    /// <summary>The time of the event on which the fill happened, ns since the Unix epoch (UTC).</summary>
    public long Time { get; }

    /// <summary>The symbol of the fill.</summary>
    public string Symbol { get; }

    /// <summary>The order that filled.</summary>
    public long OrderId { get; }

    private static string Timestamp(long ns)
    {
        DateTime utc = DateTime.UnixEpoch.AddTicks(ns / 100);
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + (ns % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }
}
