namespace Backtester;

/// <summary>The kinds of <see cref="TradeLogMode"/>.</summary>
public enum TradeLogKind : byte
{
    /// <summary>Keep no fill.</summary>
    SummaryOnly = 0,

    /// <summary>Keep every fill.</summary>
    All = 1,

    /// <summary>Keep the last N fills.</summary>
    RingBuffer = 2,
}
