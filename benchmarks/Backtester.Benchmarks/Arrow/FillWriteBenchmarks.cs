using System;
using System.Collections.Generic;
using System.IO;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Backtester.Results;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Backtester.Arrow;

namespace Backtester.Benchmarks.Arrow;

/// <summary>
/// Writing fills to an Arrow IPC file: the generated pooled columns behind <see cref="ArrowRecordFileWriter{TRecord}"/>
/// (batches of the default 65,536 rows) against the naive path (a <see cref="List{T}"/> of fills, Apache.Arrow's
/// array builders, one <see cref="ArrowFileWriter"/> batch), plus appending alone into one reused
/// <see cref="Fill.CreateColumns"/> set (no IO) to show that an append allocates nothing once the columns have grown.
/// The setup checks that both files read back with the same row count and price sum.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Throughput))]
public class FillWriteBenchmarks
{
    private Fill[] _fills = [];
    private IArrowColumns<Fill> _columns = null!;
    private TempDirectory _directory = null!;
    private string _generatedPath = "", _naivePath = "";

    public static int[] Sizes => QuickMode.Sizes([1_000_000, 10_000_000], [10_000]);

    [ParamsSource(nameof(Sizes))]
    public int Fills { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fills = new Fill[Fills];
        for (int i = 0; i < _fills.Length; i++) _fills[i] = FillNumber(i);
        _directory = new TempDirectory($"fills-{Fills}");
        _generatedPath = _directory.File("generated.arrow");
        _naivePath = _directory.File("naive.arrow");
        _columns = Fill.CreateColumns();
        AppendOnly(); // grows the reused column set once, so the measured appends rent nothing

        Naive();
        Generated();
        var (naiveRows, naiveSum) = ReadBack(_naivePath);
        var (generatedRows, generatedSum) = ReadBack(_generatedPath);
        if (naiveRows != Fills || generatedRows != Fills || naiveSum != generatedSum)
            throw new InvalidOperationException($"The files disagree: naive {naiveRows} rows, price sum {naiveSum}; generated {generatedRows} rows, price sum {generatedSum}; expected {Fills} rows.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _columns.Dispose();
        _directory.Dispose();
    }

    [Benchmark(Baseline = true, Description = "naive: List + Arrow builders + ArrowFileWriter")]
    public long Naive()
    {
        var list = new List<Fill>();
        foreach (Fill fill in _fills) list.Add(fill);

        // TimestampArray.Builder takes DateTimeOffset (100 ns ticks), so the nanoseconds go through an Int64 builder
        // and are relabelled as Timestamp(ns, UTC): what a careful user of the builders would write.
        var timestamps = new Int64Array.Builder();
        var orderIds = new Int64Array.Builder();
        var symbolIds = new Int32Array.Builder();
        var sides = new Int8Array.Builder();
        var prices = new DoubleArray.Builder();
        var quantities = new DoubleArray.Builder();
        var fees = new DoubleArray.Builder();
        var makers = new BooleanArray.Builder();
        var kinds = new UInt8Array.Builder();
        foreach (Fill fill in list)
        {
            timestamps.Append(fill.Timestamp);
            orderIds.Append(fill.OrderId);
            symbolIds.Append(fill.SymbolId);
            sides.Append((sbyte)fill.Side);
            prices.Append(fill.Price);
            quantities.Append(fill.Quantity);
            fees.Append(fill.Fee);
            makers.Append(fill.IsMaker);
            kinds.Append((byte)fill.Kind);
        }
        Int64Array nanoseconds = timestamps.Build();
        IArrowArray[] arrays =
        [
            ArrowArrayFactory.BuildArray(new ArrayData(Fill.ArrowSchema.GetFieldByIndex(0).DataType, nanoseconds.Length, 0, 0, nanoseconds.Data.Buffers)),
            orderIds.Build(), symbolIds.Build(), sides.Build(), prices.Build(), quantities.Build(), fees.Build(), makers.Build(), kinds.Build(),
        ];
        using var batch = new RecordBatch(Fill.ArrowSchema, arrays, list.Count);
        using FileStream stream = File.Create(_naivePath);
        using var writer = new ArrowFileWriter(stream, Fill.ArrowSchema);
        writer.WriteRecordBatch(batch);
        writer.WriteEnd();
        return batch.Length;
    }

    [Benchmark(Description = "generated columns + ArrowRecordFileWriter")]
    public long Generated()
    {
        using var writer = new ArrowRecordFileWriter<Fill>(_generatedPath);
        foreach (ref readonly Fill fill in _fills.AsSpan()) writer.Append(in fill);
        writer.Complete();
        return writer.Rows;
    }

    [Benchmark(Description = "append only into reused generated columns")]
    public int AppendOnly()
    {
        _columns.Clear();
        foreach (ref readonly Fill fill in _fills.AsSpan()) _columns.Append(in fill);
        return _columns.Count;
    }

    private static Fill FillNumber(int i) => new(
        Timestamp: 1_704_067_200_000_000_000L + i * 1_000L,
        OrderId: 1 + i / 2,
        SymbolId: i % 4,
        Side: i % 2 == 0 ? Side.Buy : Side.Sell,
        Price: 100 + (i % 1000) * 0.01,
        Quantity: 1 + (i % 7) * 0.125,
        Fee: (i % 5) * 0.01,
        IsMaker: i % 3 == 0);

    private static (long Rows, double PriceSum) ReadBack(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        long rows = 0;
        double sum = 0;
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                rows += batch.Length;
                foreach (double price in ((DoubleArray)batch.Column("price")).Values) sum += price;
            }
        }
        return (rows, sum);
    }

    private sealed class Throughput : ManualConfig
    {
        public Throughput() => AddColumn(new PerRowColumn(nameof(Fills), "Fills/s", perSecond: true));
    }
}
