using System;

namespace Backtester;

/// <summary>
/// The base of every failure the user can fix: bad market data (<see cref="MarketDataException"/>), result files that
/// cannot be written (<see cref="ResultWriteException"/>), a run that went numerically wrong
/// (<see cref="RunHaltedException"/>). The message is one line meant for the user (file, row, column, what was
/// expected); the command-line tool prints it and exits with code 1. Anything else that escapes is a bug.
/// </summary>
public abstract class BacktesterException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    protected BacktesterException(string message, Exception? inner = null) : base(message, inner) { }
}
