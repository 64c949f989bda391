using System;
using System.Collections.Generic;

namespace Backtester.Data;

/// <summary>The symbols of a data set; an event's <c>SymbolId</c> is an index into this table.</summary>
public sealed class SymbolTable
{
    private readonly string[] _names;

    /// <summary>Creates a table from distinct, non-empty names, at most <see cref="MarketDataLimits.MaxSymbols"/> of them.</summary>
    public SymbolTable(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count > MarketDataLimits.MaxSymbols)
            throw new ArgumentException($"{names.Count:N0} symbols is more than the limit of {MarketDataLimits.MaxSymbols:N0} (MarketDataLimits.MaxSymbols).", nameof(names));
        _names = new string[names.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < _names.Length; i++)
        {
            string name = names[i];
            if (string.IsNullOrWhiteSpace(name))
                throw new ArgumentException($"Symbol {i} has an empty name.", nameof(names));
            if (!seen.Add(name))
                throw new ArgumentException($"Symbol '{name}' appears twice (ids {Array.IndexOf(_names, name)} and {i}).", nameof(names));
            _names[i] = name;
        }
    }

    /// <summary>Number of symbols.</summary>
    public int Count => _names.Length;

    /// <summary>The name of symbol <paramref name="symbolId"/>.</summary>
    public string this[int symbolId] => _names[symbolId];

    /// <summary>The id of <paramref name="name"/>, or -1 if absent.</summary>
    public int IndexOf(string name) => Array.IndexOf(_names, name);
}
