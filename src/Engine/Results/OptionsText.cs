using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Backtester.Results;

/// <summary>
/// Every <see cref="BacktestOptions"/> value as invariant text, keyed by the option's snake_case name, for result
/// metadata. Found by reflection, so an option added later is recorded without anyone remembering to; only
/// <see cref="BacktestOptions.Output"/> (where files go, not what they hold) is left out.
/// </summary>
internal static class OptionsText
{
    private static readonly PropertyInfo[] Properties = Find();

    /// <summary>The options' names (snake_case) and values, in declaration order.</summary>
    public static List<KeyValuePair<string, string>> Describe(BacktestOptions options)
    {
        var pairs = new List<KeyValuePair<string, string>>(Properties.Length);
        foreach (PropertyInfo property in Properties)
            pairs.Add(new(SnakeCase(property.Name), AutomaticFactor(property, options) ? "auto" : Format(property.GetValue(options))));
        return pairs;
    }

    /// <summary>The annualization factor of an automatic interval depends on the data: recorded as <c>auto</c>, like the interval's 0.</summary>
    private static bool AutomaticFactor(PropertyInfo property, BacktestOptions options) =>
        property.Name == nameof(BacktestOptions.AnnualizationFactor) && options.PeriodsPerYear is null && options.EquitySampleIntervalNs == EquitySampling.Auto;

    private static PropertyInfo[] Find()
    {
        var found = new List<PropertyInfo>();
        foreach (PropertyInfo property in typeof(BacktestOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (property.Name != nameof(BacktestOptions.Output) && property.GetIndexParameters().Length == 0) found.Add(property);
        found.Sort((a, b) => a.MetadataToken.CompareTo(b.MetadataToken));
        return found.ToArray();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => e.ToString(),
        TradeLogMode mode => mode.Kind == TradeLogKind.RingBuffer ? $"RingBuffer({mode.Capacity.ToString(CultureInfo.InvariantCulture)})" : mode.Kind.ToString(),
        IReadOnlyDictionary<string, FeeSchedule> fees => Fees(fees),
        AccountOptions account => Account(account),
        IReadOnlyList<Instrument> instruments => Instruments(instruments),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary><c>BTCUSDT=maker:1,taker:2.5;ETHUSDT=...</c>, symbols in ordinal order.</summary>
    private static string Fees(IReadOnlyDictionary<string, FeeSchedule> fees)
    {
        var symbols = new List<string>(fees.Keys);
        symbols.Sort(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (string symbol in symbols)
        {
            if (text.Length > 0) text.Append(';');
            FeeSchedule fee = fees[symbol];
            text.Append(symbol).Append("=maker:").Append(fee.MakerBps.ToString("R", CultureInfo.InvariantCulture))
                .Append(",taker:").Append(fee.TakerBps.ToString("R", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    /// <summary>
    /// <c>Margin(initial_margin:1,maintenance_margin:0,allow_short_selling:false,liquidation_fee_bps:50)</c>, and with
    /// symbols on isolated margin <c>...,liquidation_fee_bps:50,isolated:[BTCUSDT ETHUSDT])</c> (ordinal order; absent when
    /// none, so results written before isolated margin existed still match).
    /// </summary>
    private static string Account(AccountOptions a) =>
        FormattableString.Invariant($"{a.Type}(initial_margin:{Number(a.InitialMargin)},maintenance_margin:{Number(a.MaintenanceMargin)},allow_short_selling:{Format(a.AllowShortSelling)},liquidation_fee_bps:{Number(a.LiquidationFeeBps)}{Isolated(a.IsolatedSymbols)})");

    private static string Isolated(IReadOnlyList<string> symbols)
    {
        if (symbols is null || symbols.Count == 0) return "";
        var sorted = new List<string>(symbols);
        sorted.Sort(StringComparer.Ordinal);
        return ",isolated:[" + string.Join(" ", sorted) + "]";
    }

    /// <summary>
    /// <c>BTCUSDT=Linear(tick:0.1,lot:0.001,...);ETHUSD=...</c>, every contract term of each instrument (unset optional
    /// terms empty), in the order given.
    /// </summary>
    private static string Instruments(IReadOnlyList<Instrument> instruments)
    {
        var text = new StringBuilder();
        foreach (Instrument i in instruments)
        {
            if (text.Length > 0) text.Append(';');
            text.Append(i.Symbol).Append('=').Append(i.Kind.ToString())
                .Append("(tick:").Append(Number(i.TickSize)).Append(",lot:").Append(Number(i.LotSize))
                .Append(",min_quantity:").Append(Number(i.MinQuantity)).Append(",min_notional:").Append(Number(i.MinNotional))
                .Append(",multiplier:").Append(Number(i.ContractMultiplier))
                .Append(",base:").Append(i.BaseCurrency).Append(",quote:").Append(i.QuoteCurrency).Append(",settlement:").Append(i.SettlementCurrency)
                .Append(",maker_fee_bps:").Append(Format(i.MakerFeeBps)).Append(",taker_fee_bps:").Append(Format(i.TakerFeeBps))
                .Append(",initial_margin:").Append(Format(i.InitialMargin)).Append(",maintenance_margin:").Append(Format(i.MaintenanceMargin)).Append(')');
        }
        return text.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><c>TakerFeeBps</c> → <c>taker_fee_bps</c>.</summary>
    internal static string SnakeCase(string name)
    {
        var snake = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool afterLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool endsAcronym = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (afterLowerOrDigit || endsAcronym) snake.Append('_');
                snake.Append(char.ToLowerInvariant(c));
            }
            else snake.Append(c);
        }
        return snake.ToString();
    }
}
