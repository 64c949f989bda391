namespace Backtester.Data;

/// <summary>The unit of integer timestamps in a CSV file (all since the Unix epoch, UTC).</summary>
public enum TimestampUnit : byte
{
    /// <summary>Seconds.</summary>
    Seconds,

    /// <summary>Milliseconds.</summary>
    Milliseconds,

    /// <summary>Microseconds.</summary>
    Microseconds,

    /// <summary>Nanoseconds.</summary>
    Nanoseconds,
}
