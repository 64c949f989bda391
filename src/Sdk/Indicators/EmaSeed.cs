namespace Backtester.Indicators;

/// <summary>How an exponential moving average gets its first value.</summary>
public enum EmaSeed : byte
{
    /// <summary>TA-Lib's default: the simple average of the first n values.</summary>
    Sma,

    /// <summary>The first value itself (TA-Lib's Metastock compatibility): every later value is smoothed from it.</summary>
    FirstValue,
}
