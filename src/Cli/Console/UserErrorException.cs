using System;

namespace Backtester.Cli;

/// <summary>A mistake in the command line or its inputs: reported as one line on stderr with exit code 1, no stack trace.</summary>
public sealed class UserErrorException : Exception
{
    /// <summary>Creates the error with the line to print.</summary>
    public UserErrorException(string message, Exception? inner = null) : base(message, inner) { }
}
