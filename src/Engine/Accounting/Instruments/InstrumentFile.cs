using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Backtester;

/// <summary>
/// Reads instrument specifications from JSON: the project's own format (an object with an <c>instruments</c> array)
/// or Binance's <c>exchangeInfo</c> response (an object with a <c>symbols</c> array; spot, USDⓈ-M and COIN-M). Both are
/// described in docs/execution.md, "Instruments". Numbers may be JSON numbers or strings (Binance writes strings).
/// </summary>
public static class InstrumentFile
{
    /// <summary>Reads the file at <paramref name="path"/>, in either format.</summary>
    /// <exception cref="FormatException">The file is not one of the formats; the message names the file, the entry and the field.</exception>
    public static IReadOnlyList<Instrument> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses <paramref name="json"/>, in either format; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="FormatException">The text is not one of the formats; the message names the source, the entry and the field.</exception>
    public static IReadOnlyList<Instrument> Parse(string json, string source = "instruments")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: not valid JSON ({e.Message}).", e);
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("instruments", out JsonElement list))
                return ParseOwn(list, source);
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("symbols", out JsonElement symbols))
                return ParseBinance(symbols, source);
            throw new FormatException($"{source}: expected an object with an \"instruments\" array, or a Binance exchangeInfo object with a \"symbols\" array.");
        }
    }

    private static List<Instrument> ParseOwn(JsonElement list, string source)
    {
        if (list.ValueKind != JsonValueKind.Array) throw new FormatException($"{source}: \"instruments\" must be an array.");
        var result = new List<Instrument>();
        int index = 0;
        foreach (JsonElement e in list.EnumerateArray())
        {
            string where = $"{source}: instruments[{index++}]";
            if (e.ValueKind != JsonValueKind.Object) throw new FormatException($"{where}: expected an object.");
            string symbol = String(e, "symbol", where) ?? throw new FormatException($"{where}: \"symbol\" is missing.");
            where += $" ('{symbol}')";
            var instrument = new Instrument(symbol)
            {
                TickSize = Number(e, "tickSize", where) ?? 0,
                LotSize = Number(e, "lotSize", where) ?? 0,
                MinQuantity = Number(e, "minQuantity", where) ?? 0,
                MinNotional = Number(e, "minNotional", where) ?? 0,
                ContractMultiplier = Number(e, "contractMultiplier", where) ?? 1,
                Kind = Kind(String(e, "kind", where), where),
                BaseCurrency = String(e, "baseCurrency", where),
                QuoteCurrency = String(e, "quoteCurrency", where),
                SettlementCurrency = String(e, "settlementCurrency", where),
                MakerFeeBps = Number(e, "makerFeeBps", where),
                TakerFeeBps = Number(e, "takerFeeBps", where),
                InitialMargin = Number(e, "initialMargin", where),
                MaintenanceMargin = Number(e, "maintenanceMargin", where),
            };
            result.Add(Checked(instrument, where));
        }
        return result;
    }

    private static List<Instrument> ParseBinance(JsonElement symbols, string source)
    {
        if (symbols.ValueKind != JsonValueKind.Array) throw new FormatException($"{source}: \"symbols\" must be an array.");
        var result = new List<Instrument>();
        int index = 0;
        foreach (JsonElement e in symbols.EnumerateArray())
        {
            string where = $"{source}: symbols[{index++}]";
            if (e.ValueKind != JsonValueKind.Object) throw new FormatException($"{where}: expected an object.");
            string symbol = String(e, "symbol", where) ?? throw new FormatException($"{where}: \"symbol\" is missing.");
            where += $" ('{symbol}')";
            string? baseAsset = String(e, "baseAsset", where), quoteAsset = String(e, "quoteAsset", where);
            // COIN-M futures have a contract size and settle in their margin asset, the base coin.
            double? contractSize = Number(e, "contractSize", where);
            string? marginAsset = String(e, "marginAsset", where);
            bool inverse = contractSize is not null && marginAsset is not null && marginAsset == baseAsset;
            double tick = 0, lot = 0, minQuantity = 0, minNotional = 0;
            if (e.TryGetProperty("filters", out JsonElement filters) && filters.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement f in filters.EnumerateArray())
                {
                    string? type = String(f, "filterType", where);
                    string at = $"{where}, filter {type}";
                    switch (type)
                    {
                        case "PRICE_FILTER":
                            tick = Number(f, "tickSize", at) ?? 0;
                            break;
                        case "LOT_SIZE":
                            lot = Number(f, "stepSize", at) ?? 0;
                            minQuantity = Number(f, "minQty", at) ?? 0;
                            break;
                        case "MIN_NOTIONAL": // spot writes minNotional, USDⓈ-M futures write notional
                        case "NOTIONAL":
                            minNotional = Number(f, "minNotional", at) ?? Number(f, "notional", at) ?? 0;
                            break;
                    }
                }
            }
            var instrument = new Instrument(symbol)
            {
                TickSize = tick,
                LotSize = lot,
                MinQuantity = minQuantity,
                MinNotional = minNotional,
                ContractMultiplier = contractSize ?? 1,
                Kind = inverse ? ContractKind.Inverse : ContractKind.Linear,
                BaseCurrency = baseAsset,
                QuoteCurrency = quoteAsset,
                SettlementCurrency = marginAsset ?? quoteAsset,
                // USDⓈ-M futures state their margin in percent.
                InitialMargin = Number(e, "requiredMarginPercent", where) / 100,
                MaintenanceMargin = Number(e, "maintMarginPercent", where) / 100,
            };
            result.Add(Checked(instrument, where));
        }
        return result;
    }

    private static Instrument Checked(Instrument instrument, string where)
    {
        try
        {
            instrument.Validate();
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{where}: {e.Message}", e);
        }
        return instrument;
    }

    private static ContractKind Kind(string? text, string where) => text switch
    {
        null or "linear" => ContractKind.Linear,
        "inverse" => ContractKind.Inverse,
        _ => throw new FormatException($"{where}: \"kind\" must be \"linear\" or \"inverse\", not \"{text}\"."),
    };

    private static string? String(JsonElement e, string name, string where)
    {
        if (!e.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String) throw new FormatException($"{where}: \"{name}\" must be a string, not {v.ValueKind}.");
        return v.GetString();
    }

    private static double? Number(JsonElement e, string name, string where)
    {
        if (!e.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number) return v.GetDouble();
        if (v.ValueKind == JsonValueKind.String
            && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) && double.IsFinite(parsed))
            return parsed;
        throw new FormatException($"{where}: \"{name}\" must be a number, not {v}.");
    }
}
