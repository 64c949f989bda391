namespace Backtester.Generators.Tests;

/// <summary>User [ArrowRecord] sources shared by the snapshot, caching and compile-and-run tests.</summary>
internal static class SampleArrowRecords
{
    /// <summary>Shaped like the Sdk's Fill: positional, readonly, [ArrowTimestamp] on the parameter, an Sdk enum, a computed property that is not a column.</summary>
    public const string Execution = """
        using Backtester;

        namespace Demo.Logs;

        [ArrowRecord]
        public readonly partial record struct Execution([ArrowTimestamp] long Timestamp, long OrderId, int SymbolId, Side Side, double Price, double Quantity, double Fee, bool IsMaker)
        {
            public double Notional => Price * Quantity;
        }
        """;

    /// <summary>
    /// A user's log record with properties and a field (global namespace, not readonly): a short enum, a bool, a
    /// nullable string, a timestamp on a property, and the small integer and float types. Static and private members
    /// are not columns.
    /// </summary>
    public const string SignalLog = """
        using Backtester;

        public enum Regime : short
        {
            Calm = 0,
            Trending = 5,
            Volatile = -2,
        }

        [ArrowRecord]
        public partial record struct SignalLog
        {
            [ArrowTimestamp] public long Time { get; init; }
            public Regime Regime { get; init; }
            public bool IsEntry { get; init; }
            public string? Note { get; init; }
            public float Score;
            public byte Level { get; init; }
            public sbyte Tilt { get; init; }
            public short Bucket { get; init; }
            public static int Instances { get; set; }
            private int Secret { get; init; }

            public int Reveal() => Secret;
        }
        """;
}
