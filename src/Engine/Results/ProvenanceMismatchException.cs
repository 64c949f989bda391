using System;
using System.Collections.Generic;

namespace Backtester.Results;

/// <summary>
/// Results that were about to be combined (a resumed journal, shards to merge) do not come from the same strategy,
/// grid, data, options or engine; <see cref="Differences"/> names each difference. The user resolves it: resume with
/// the same setup, start over, or merge the right shards.
/// </summary>
public sealed class ProvenanceMismatchException : BacktesterException
{
    /// <summary>Creates the exception; the message is <paramref name="what"/> followed by the differences.</summary>
    public ProvenanceMismatchException(string what, IReadOnlyList<string> differences, string? hint = null)
        : base($"{what}: {string.Join("; ", differences)}{(hint is null ? "" : ". " + hint)}")
    {
        ArgumentNullException.ThrowIfNull(differences);
        Differences = differences;
    }

    /// <summary>One line per difference, e.g. <c>option taker_fee_bps: 0 in the journal, 5 now</c>.</summary>
    public IReadOnlyList<string> Differences { get; }
}
