#:project ../../../../src/Engine/Backtester.Engine.csproj
#:property TreatWarningsAsErrors=false
// Peak memory of the memory-mapped Arrow path: run as `dotnet run -c Release Data/PeakMemory/probe.cs [rows]`.
// Writes an Arrow file of synthetic trades in one process, then (in a child process, so the writer's heap does
// not count) opens it, sums every price and reports managed allocation and peak working set against the file size.
using System;
using System.Diagnostics;
using System.IO;
using Backtester.Data;

if (args.Length == 2 && args[0] == "--open")
{
    string file = args[1];
    long before = GC.GetTotalAllocatedBytes(precise: true);
    long ws0 = Process.GetCurrentProcess().WorkingSet64;
    using MarketData data = ArrowMarketData.Open(file);
    long afterOpen = GC.GetTotalAllocatedBytes(precise: true) - before;
    double sum = 0;
    foreach (double p in data.Trades.Prices.Span) sum += p;
    long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
    var self = Process.GetCurrentProcess();
    self.Refresh();
    long size = new FileInfo(file).Length;
    Console.WriteLine($"rows {data.Trades.Count:N0}, file {size / 1e6:F1} MB, sum {sum:F2}");
    Console.WriteLine($"managed allocation: open {afterOpen / 1e3:F1} KB, open + pass {allocated / 1e3:F1} KB ({100.0 * allocated / size:F4}% of file)");
    Console.WriteLine($"working set before open {ws0 / 1e6:F1} MB; peak working set {self.PeakWorkingSet64 / 1e6:F1} MB ({(double)self.PeakWorkingSet64 / size:F2}x file: validation on open reads every column, so the whole file is paged in as clean, shared, file-backed pages)");
    return;
}

int rows = args.Length > 0 ? int.Parse(args[0]) : 10_000_000;
string path = Path.Combine(Path.GetTempPath(), $"bt-peak-{Environment.ProcessId}.arrow");
ArrowMarketDataWriter.Write(SyntheticData.Trades(new SyntheticDataOptions { Events = rows }), path);
try
{
    var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, ["--open", path]) { UseShellExecute = false })!;
    child.WaitForExit();
}
finally { File.Delete(path); }
