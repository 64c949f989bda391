using System;
using System.Collections.Generic;
using Backtester.Data;

namespace Backtester.Accounting;

/// <summary>
/// The settlement currencies of one run and how each is converted into the reporting currency: every symbol settles in
/// its instrument's settlement currency (the base coin for inverse contracts, the quote currency for linear ones; the
/// reporting currency when the instrument names none), and every currency other than the reporting one is priced by a
/// symbol of the data: one whose base is that currency and whose quote is the reporting currency (rate = its last price),
/// or else one whose base is the reporting currency and whose quote is that currency (rate = 1 / its last price). See
/// docs/execution.md, "Several settlement currencies", and docs/decisions/0044.
/// Reused across runs; arrays are reallocated only when the symbol count changes.
/// </summary>
internal sealed class SettlementCurrencies
{
    private int[] _currencyOf = Array.Empty<int>();
    private readonly List<string> _names = new();
    private readonly List<int> _rateSymbol = new();
    private readonly List<bool> _rateInverted = new();

    /// <summary>The currency equity is reported in (null when no instrument names one: one unnamed currency).</summary>
    public string? Reporting { get; private set; }

    /// <summary>Number of currencies, the reporting one (index 0) included.</summary>
    public int Count => _names.Count;

    /// <summary>Name of currency <paramref name="currency"/> (index 0: the reporting currency).</summary>
    public string Name(int currency) => _names[currency];

    /// <summary>Index of the settlement currency of <paramref name="symbolId"/> (0: the reporting currency).</summary>
    public int CurrencyOf(int symbolId) => _currencyOf[symbolId];

    /// <summary>The symbol whose last price converts <paramref name="currency"/> (index ≥ 1) into the reporting currency.</summary>
    public int RateSymbol(int currency) => _rateSymbol[currency];

    /// <summary>True when the rate is 1 / the rate symbol's price (its base is the reporting currency).</summary>
    public bool RateInverted(int currency) => _rateInverted[currency];

    public void Reset(BacktestOptions options, SymbolTable symbols, InstrumentRules instruments)
    {
        int n = symbols.Count;
        if (_currencyOf.Length != n) _currencyOf = new int[n];
        else Array.Clear(_currencyOf);
        _names.Clear();
        _rateSymbol.Clear();
        _rateInverted.Clear();
        string? named = DefaultReporting(symbols, instruments);
        // Else the run's one unnamed currency would be recorded as this one, converting nothing.
        if (options.ReportingCurrency is { } asked && named is null)
            throw new ArgumentException(
                $"ReportingCurrency {asked}: no instrument names the currency its symbol settles in, so the run has one unnamed currency and nothing to convert into {asked}; give the symbols instruments with QuoteCurrency (linear) or BaseCurrency (inverse), or leave ReportingCurrency unset.",
                nameof(BacktestOptions.ReportingCurrency));
        Reporting = options.ReportingCurrency ?? named;
        if (Reporting is null) return; // no currency named anywhere: today's single unnamed currency
        Add(Reporting, -1, false);
        for (int s = 0; s < n; s++)
        {
            string? currency = Settlement(instruments[s]);
            if (currency is null || currency == Reporting) continue;
            int c = _names.IndexOf(currency);
            if (c < 0)
            {
                (int rateSymbol, bool inverted) = FindRate(currency, Reporting, symbols, instruments);
                if (rateSymbol < 0)
                    throw new ArgumentException(
                        $"Symbol '{symbols[s]}' settles in {currency}, but no symbol of the data prices {currency} in the reporting currency {Reporting} (an instrument with base {currency} and quote {Reporting}, or base {Reporting} and quote {currency}); add one to the data and instruments, or set ReportingCurrency to {currency}.",
                        nameof(BacktestOptions.ReportingCurrency));
                c = _names.Count;
                Add(currency, rateSymbol, inverted);
            }
            _currencyOf[s] = c;
        }
        if (!instruments.AnyInverse && _names.Count == 1) return;
        // With an inverse contract or several currencies, a symbol whose currency is not named cannot be assumed to
        // settle in the reporting one (a USDT pair beside a BTC-settled contract would silently settle in BTC).
        for (int s = 0; s < n; s++)
            if (Settlement(instruments[s]) is null)
                throw new ArgumentException(
                    $"Symbol '{symbols[s]}' has no instrument naming its settlement currency, but the run has inverse contracts or several settlement currencies; give it an instrument with QuoteCurrency (linear) or BaseCurrency (inverse).",
                    nameof(BacktestOptions.Instruments));
    }

    /// <summary>
    /// The default reporting currency: the quote currency of the first linear instrument (in symbol order) that names
    /// one, else the settlement currency of the first instrument that names one (an all-inverse run reports in its coin).
    /// </summary>
    private static string? DefaultReporting(SymbolTable symbols, InstrumentRules instruments)
    {
        for (int s = 0; s < symbols.Count; s++)
            if (instruments[s] is { Kind: ContractKind.Linear } linear && (linear.QuoteCurrency ?? linear.SettlementCurrency) is { } quote) return quote;
        for (int s = 0; s < symbols.Count; s++)
            if (Settlement(instruments[s]) is { } currency) return currency;
        return null;
    }

    private static string? Settlement(Instrument? instrument) => instrument is null ? null
        : instrument.SettlementCurrency ?? (instrument.Kind == ContractKind.Inverse ? instrument.BaseCurrency : instrument.QuoteCurrency);

    private static (int Symbol, bool Inverted) FindRate(string currency, string reporting, SymbolTable symbols, InstrumentRules instruments)
    {
        for (int s = 0; s < symbols.Count; s++)
            if (instruments[s] is { } i && i.BaseCurrency == currency && i.QuoteCurrency == reporting) return (s, false);
        for (int s = 0; s < symbols.Count; s++)
            if (instruments[s] is { } i && i.BaseCurrency == reporting && i.QuoteCurrency == currency) return (s, true);
        return (-1, false);
    }

    private void Add(string name, int rateSymbol, bool inverted)
    {
        _names.Add(name);
        _rateSymbol.Add(rateSymbol);
        _rateInverted.Add(inverted);
    }
}
