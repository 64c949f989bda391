using Backtester;

namespace Backtester.Samples;

/// <summary>What the strategy decided and why, one row per decision. Logged with <c>orders.Log(signal)</c>; a run with
/// <c>BacktestOptions.Output</c> writes these rows to <c>signal.arrow</c> (the type's name in snake_case).</summary>
[ArrowRecord]
public readonly partial record struct Signal
{
    /// <summary>The event's time (an Arrow timestamp[ns, UTC] column).</summary>
    [ArrowTimestamp] public long Time { get; init; }

    /// <summary>The symbol's id (its name is in the file's backtester.symbols metadata of the market data).</summary>
    public int SymbolId { get; init; }

    /// <summary>The trade price that triggered the decision.</summary>
    public double Price { get; init; }

    /// <summary>The z-score of the price against its recent window.</summary>
    public double ZScore { get; init; }

    /// <summary>The position wanted after the decision.</summary>
    public double Target { get; init; }

    /// <summary>Why: entry or exit.</summary>
    public SignalKind Kind { get; init; }
}

/// <summary>The kinds of decisions.</summary>
public enum SignalKind : byte
{
    /// <summary>Opened a position against a stretched price.</summary>
    Entry = 1,

    /// <summary>Closed it as the price came back.</summary>
    Exit = 2,
}
