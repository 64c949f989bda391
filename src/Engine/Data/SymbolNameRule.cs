using System;
using System.Buffers;

namespace Backtester.Data;

/// <summary>
/// What a symbol's name may be, wherever names come from: a CSV column, an Arrow file's <c>backtester.symbols</c>, a
/// Parquet file's <c>symbol</c> column, and what the writers put there. Exchange symbols are ASCII names (BTCUSDT,
/// BTC-PERPETUAL, BTC/USD, ETH-27JUN25-3000-C) of at most <see cref="MarketDataLimits.MaxSymbolLength"/> characters;
/// anything else in a data file is most likely a corrupted byte, which would otherwise become a symbol of its own.
/// </summary>
internal static class SymbolNameRule
{
    private const string Punctuation = "- _ . / : +";

    private static readonly SearchValues<char> Characters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./:+");

    /// <summary>
    /// What is wrong with <paramref name="name"/> as a symbol, or null when it is one. <paramref name="fromFile"/>: the
    /// name was read from a data file, where a character outside the rule is most likely a damaged byte (the message
    /// says so); a name a person gave (<see cref="MarketDataReadOptions.Symbol"/>, <c>--symbol</c>) is not.
    /// </summary>
    public static string? ProblemOf(ReadOnlySpan<char> name, bool fromFile = true)
    {
        if (name.IsWhiteSpace()) return "expected a symbol, got an empty value";
        if (name.Length > MarketDataLimits.MaxSymbolLength || name.ContainsAnyExcept(Characters))
            return $"expected a symbol of at most {MarketDataLimits.MaxSymbolLength} letters, digits and {Punctuation}, got {CsvMarketData.Shown(name)}{(fromFile ? " (a corrupted byte?)" : "")}";
        return null;
    }

    /// <summary>
    /// Refuses to write a data file whose symbol table holds a name no reader would accept back: the file would be
    /// unreadable. The caller's data, so an <see cref="ArgumentException"/>.
    /// </summary>
    public static void CheckForWriting(SymbolTable symbols, string path)
    {
        for (int i = 0; i < symbols.Count; i++)
            if (ProblemOf(symbols[i], fromFile: false) is { } problem)
                throw new ArgumentException($"Cannot write '{path}': symbol {i}: {problem}; the readers would refuse the file.", nameof(symbols));
    }
}
