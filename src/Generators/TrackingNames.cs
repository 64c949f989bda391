namespace Backtester.Generators;

/// <summary>Names of the incremental pipeline steps, so tests can check that each one is cached.</summary>
internal static class TrackingNames
{
    public const string Strategies = nameof(Strategies);
    public const string ValidStrategies = nameof(ValidStrategies);
    public const string ArrowRecords = nameof(ArrowRecords);
    public const string ValidArrowRecords = nameof(ValidArrowRecords);
}
