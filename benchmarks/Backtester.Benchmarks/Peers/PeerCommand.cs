using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Backtester.Indicators;

namespace Backtester.Benchmarks.Peers;

/// <summary>
/// <c>peers ...</c>: the C# side of the comparison with the numba loop (benchmarks/peers/run.py drives both).
/// <list type="bullet">
/// <item><description><c>peers export-trades DIR [--events N]</c>: writes the replay benchmarks' synthetic trades (default 1M) as column files.</description></item>
/// <item><description><c>peers check DIR [settings]</c>: one run of <see cref="ReadmeSmaCross"/> over DIR's trades keeping every fill;
/// writes the fills into DIR (table <c>fills</c>) and prints the summary and final positions as JSON.</description></item>
/// <item><description><c>peers serve DIR [settings]</c>: loads the trades, then answers lines on standard input, so a driver can
/// alternate C# and numba runs with both warm: <c>warm K</c> and <c>time K</c> run K backtests (SummaryOnly, as in the
/// benchmarks) through the engine, or with a last word <c>handwritten</c> through <see cref="ReadmeHandWritten"/>, and print
/// one JSON line with the fills, net PnL and (<c>time</c>) each run's milliseconds; <c>quit</c> or end of input stops.</description></item>
/// </list>
/// Settings (<see cref="PeerSettings.Usage"/>) default to the README's.
/// </summary>
public static class PeerCommand
{
    private const string Usage = "peers export-trades DIR [--events N] | peers check DIR [settings] | peers serve DIR [settings]; settings: " + PeerSettings.Usage;

    public static int Run(string[] args)
    {
        if (args.Length < 2) throw new ArgumentException($"Usage: {Usage}");
        string directory = args[1];
        switch (args[0])
        {
            case "export-trades":
                int events = 1_000_000;
                if (args.Length == 4 && args[2] == "--events") events = int.Parse(args[3], CultureInfo.InvariantCulture);
                else if (args.Length != 2) throw new ArgumentException($"Usage: {Usage}");
                PeerTrades.Export(directory, events);
                Console.WriteLine($"wrote {events} trades to {Path.GetFullPath(directory)}");
                return 0;
            case "check":
                CheckRun(directory, PeerSettings.Parse(args.AsSpan(2)), Console.Out);
                return 0;
            case "serve":
                return Serve(directory, PeerSettings.Parse(args.AsSpan(2)));
            default:
                throw new ArgumentException($"Unknown peers command '{args[0]}'. Usage: {Usage}");
        }
    }

    /// <summary><c>peers check</c>: one run keeping every fill; writes them into <paramref name="directory"/>, the summary and positions as JSON to <paramref name="output"/>. Returns the fill count.</summary>
    public static long CheckRun(string directory, PeerSettings settings, TextWriter output)
    {
        var data = PeerTrades.Read(directory);
        var options = settings.Options() with { TradeLog = TradeLogMode.All };
        ReadmeSmaCross.Driver driver = settings.Strategy().CreateDriver();
        BacktestResult result = new BacktestRunner().Run(data, ref driver, options);
        string[] symbols = result.Positions.Select(p => p.Symbol).ToArray();
        PeerTrades.WriteFills(directory, result.Fills.Span, data.Trades.Source, symbols);

        using var buffer = new MemoryStream();
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("strategy", $"README SmaCross (Fast={settings.Fast}, Slow={settings.Slow}, Size={settings.Size.ToString(CultureInfo.InvariantCulture)})");
        json.WriteString("options", $"OrderLatencyNs={settings.LatencyNs}, TakerFeeBps={settings.TakerFeeBps.ToString(CultureInfo.InvariantCulture)}, SlippageBps={settings.SlippageBps.ToString(CultureInfo.InvariantCulture)}");
        json.WriteString("data", data.Trades.Source);
        json.WriteNumber("equity_interval_ns", result.EquitySampleIntervalNs); // resolved from the data when automatic
        BacktestSummary s = result.Summary;
        json.WriteStartObject("summary");
        Number(json, "events", s.Events);
        Number(json, "fills", s.Fills);
        Number(json, "round_trips", s.RoundTrips);
        Number(json, "wins", s.Wins);
        Number(json, "losses", s.Losses);
        Number(json, "final_equity", s.FinalEquity);
        Number(json, "net_pnl", s.NetPnl);
        Number(json, "realized_pnl", s.RealizedPnl);
        Number(json, "unrealized_pnl", s.UnrealizedPnl);
        Number(json, "fees", s.Fees);
        Number(json, "turnover", s.Turnover);
        Number(json, "max_drawdown", s.MaxDrawdown);
        Number(json, "max_drawdown_percent", s.MaxDrawdownPercent);
        Number(json, "max_drawdown_duration_ns", s.MaxDrawdownDurationNs);
        Number(json, "exposure", s.Exposure);
        Number(json, "equity_samples", s.EquitySamples);
        Number(json, "sharpe", s.Sharpe);
        json.WriteEndObject();
        json.WriteStartArray("positions");
        foreach (PositionSnapshot p in result.Positions)
        {
            json.WriteStartObject();
            json.WriteString("symbol", p.Symbol);
            Number(json, "position", p.Position);
            Number(json, "average_price", p.AveragePrice);
            Number(json, "realized_pnl", p.RealizedPnl);
            Number(json, "fees", p.Fees);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        // The SDK's Sma over each symbol's trade prices, as the strategy updates them: the final averages, so that the
        // proof also checks the port's SMA arithmetic bit for bit (fills alone agree when averages differ in the last place).
        var fast = new Sma[symbols.Length];
        var slow = new Sma[symbols.Length];
        for (int k = 0; k < symbols.Length; k++) { fast[k] = new Sma(settings.Fast); slow[k] = new Sma(settings.Slow); }
        ReadOnlySpan<int> symbolIds = data.Trades.SymbolIds.Span;
        ReadOnlySpan<double> prices = data.Trades.Prices.Span;
        for (int i = 0; i < prices.Length; i++) { fast[symbolIds[i]].Update(prices[i]); slow[symbolIds[i]].Update(prices[i]); }
        json.WriteStartArray("sma");
        for (int k = 0; k < symbols.Length; k++)
        {
            json.WriteStartObject();
            json.WriteString("symbol", symbols[k]);
            Number(json, "fast", fast[k].Value);
            Number(json, "slow", slow[k].Value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        return s.Fills;
    }

    private static int Serve(string directory, PeerSettings settings)
    {
        var data = PeerTrades.Read(directory);
        BacktestOptions options = settings.Options();
        ReadmeSmaCross strategy = settings.Strategy();
        var runner = new BacktestRunner();
        Console.WriteLine(JsonSerializer.Serialize(new { ready = true, events = data.EventCount, runtime = Environment.Version.ToString() }));
        string? line;
        while ((line = Console.ReadLine()) is not null)
        {
            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            if (words[0] == "quit") break;
            bool handWritten = words.Length == 3 && words[2] == "handwritten";
            if (words.Length < 2 || words.Length > 3 || (words.Length == 3 && !handWritten && words[2] != "engine")
                || (words[0] != "warm" && words[0] != "time") || !int.TryParse(words[1], CultureInfo.InvariantCulture, out int runs) || runs < 1)
                throw new ArgumentException($"peers serve: expected 'warm K [engine|handwritten]', 'time K [engine|handwritten]' or 'quit', got '{line}'.");
            var ms = new double[runs];
            BacktestSummary summary = default;
            for (int r = 0; r < runs; r++)
            {
                long start = Stopwatch.GetTimestamp();
                if (handWritten)
                {
                    summary = ReadmeHandWritten.Run(data, options, settings.Fast, settings.Slow, settings.Size);
                }
                else
                {
                    ReadmeSmaCross.Driver driver = strategy.CreateDriver();
                    summary = runner.RunSummary(data, ref driver, options);
                }
                ms[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            if (words[0] == "warm") Console.WriteLine(JsonSerializer.Serialize(new { warmed = runs, fills = summary.Fills, net_pnl = summary.NetPnl, fees = summary.Fees }));
            else Console.WriteLine(JsonSerializer.Serialize(new { ms, fills = summary.Fills, net_pnl = summary.NetPnl }));
        }
        return 0;
    }

    /// <summary>A JSON number, or null for NaN and infinities (JSON has none).</summary>
    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }
}
