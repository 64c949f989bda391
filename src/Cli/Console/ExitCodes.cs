namespace Backtester.Cli;

/// <summary>The tool's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A user error: bad arguments, a missing file, an unknown strategy or parameter, invalid data.</summary>
    public const int UserError = 1;

    /// <summary>A bug or an unexpected failure (the stack trace goes to stderr).</summary>
    public const int InternalError = 2;

    /// <summary><c>sweep</c> or <c>search</c> finished and wrote its tables, but some or all combinations failed (their rows hold the error and null statistics).</summary>
    public const int SweepRowsFailed = 3;
}
