using System;
using System.Globalization;
using System.IO;
using System.Text;
using Backtester.Data;
using BenchmarkDotNet.Attributes;

namespace Backtester.Benchmarks.Data;

/// <summary>
/// Reading 10M trades (set <c>BT_BENCH_ROWS</c> for another count) from each source; every benchmark ends with a
/// pass summing prices so mapped data is actually paged in. Rows per second = rows / mean time.
/// </summary>
[MemoryDiagnoser]
public class MarketDataReadBenchmarks
{
    private TempDirectory _directory = null!;
    private string _arrow = "", _csv = "", _csvGz = "", _parquet = "";

    public int Rows { get; } = int.TryParse(Environment.GetEnvironmentVariable("BT_BENCH_ROWS"), out int n) ? n : 10_000_000;

    [GlobalSetup]
    public void Setup()
    {
        _directory = new TempDirectory("data");
        MarketData data = SyntheticData.Trades(new SyntheticDataOptions { Events = Rows, Symbols = 1 });
        _arrow = _directory.File("trades.arrow");
        ArrowMarketDataWriter.Write(data, _arrow);
        _parquet = _directory.File("trades.parquet");
        ParquetMarketData.Write(data, _parquet);
        _csv = _directory.File("SYN0-trades-2024-01-01.csv");
        WriteBinanceCsv(data, _csv);
        _csvGz = _csv + ".gz";
        using (var input = File.OpenRead(_csv))
        using (var output = new System.IO.Compression.GZipStream(File.Create(_csvGz), System.IO.Compression.CompressionLevel.Fastest))
            input.CopyTo(output);
    }

    [GlobalCleanup]
    public void Cleanup() => _directory.Dispose();

    [Benchmark(Baseline = true)]
    public double ArrowMmapOpenAndSum()
    {
        using MarketData data = ArrowMarketData.Open(_arrow);
        return Sum(data);
    }

    [Benchmark]
    public double BinanceCsvParse()
    {
        using MarketData data = CsvMarketData.Read(_csv, CsvFormat.BinanceTrades);
        return Sum(data);
    }

    [Benchmark]
    public double BinanceCsvGzipParse()
    {
        using MarketData data = CsvMarketData.Read(_csvGz, CsvFormat.BinanceTrades);
        return Sum(data);
    }

    [Benchmark]
    public double ParquetRead()
    {
        using MarketData data = ParquetMarketData.Read(_parquet);
        return Sum(data);
    }

    private static double Sum(MarketData data)
    {
        double sum = 0;
        foreach (double p in data.Trades.Prices.Span) sum += p;
        return sum;
    }

    /// <summary>Writes trades in the Binance dump layout (ms timestamps; the synthetic µs spacing collapses, which is fine for parsing speed).</summary>
    internal static void WriteBinanceCsv(MarketData data, string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        TradeColumns t = data.Trades;
        for (int i = 0; i < t.Count; i++)
        {
            Trade trade = t[i];
            writer.Write(i.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(trade.Price.ToString("R", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(trade.Size.ToString("R", CultureInfo.InvariantCulture));
            writer.Write(",0,");
            writer.Write((trade.Timestamp / 1_000_000).ToString(CultureInfo.InvariantCulture));
            writer.Write(trade.Aggressor == Side.Sell ? ",true,true\n" : ",false,true\n");
        }
    }
}
