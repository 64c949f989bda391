using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Backtester.Benchmarks.Replay;

/// <summary>
/// <c>--cold-start N --jit-times</c>: which methods the JIT compiled while it listened, and how long each took, from the
/// runtime's own events (<c>MethodJittingStarted</c> to <c>MethodLoadVerbose</c> of the same method on the same thread).
/// The listening itself slows the run a little, so the figures attribute the first run's compile time; they do not
/// replace <c>jit_ms</c>. The runtime hands its events to the listener on a thread of its own, a little later, so a
/// compile counts by when it started (between <see cref="Start"/> and <see cref="Stop"/>), and <see cref="Report"/> is
/// read after the later runs, by when every event of the first has arrived.
/// </summary>
internal sealed class JitTimes : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private readonly ConcurrentDictionary<(ulong Method, long Thread), (DateTime Start, int IlSize)> _started = new();
    private readonly ConcurrentQueue<(string Name, int IlSize, double Ms, long Thread, DateTime Start)> _compiled = new();
    private DateTime _from = DateTime.MaxValue, _to = DateTime.MaxValue;

    public void Start() => _from = DateTime.UtcNow;

    public void Stop() => _to = DateTime.UtcNow;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, JitKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.Payload is null) return;
        if (e.EventName == "MethodJittingStarted_V1" || e.EventName == "MethodJittingStarted")
        {
            ulong id = Convert.ToUInt64(e.Payload[0], CultureInfo.InvariantCulture);
            int il = Convert.ToInt32(e.Payload[3], CultureInfo.InvariantCulture);
            _started[(id, e.OSThreadId)] = (e.TimeStamp.ToUniversalTime(), il);
        }
        else if (e.EventName is not null && e.EventName.StartsWith("MethodLoadVerbose", StringComparison.Ordinal))
        {
            ulong id = Convert.ToUInt64(e.Payload[0], CultureInfo.InvariantCulture);
            if (!_started.TryRemove((id, e.OSThreadId), out var start)) return;
            var names = e.PayloadNames!;
            string name = $"{e.Payload[names.IndexOf("MethodNamespace")]}::{e.Payload[names.IndexOf("MethodName")]}";
            _compiled.Enqueue((name, start.IlSize, (e.TimeStamp.ToUniversalTime() - start.Start).TotalMilliseconds, e.OSThreadId, start.Start));
        }
    }

    public void Report(TextWriter output, int top)
    {
        var all = _compiled.Where(c => c.Start >= _from && c.Start <= _to).Select(c => (c.Name, c.IlSize, c.Ms, c.Thread)).ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"jit: {all.Length} methods, {all.Sum(c => c.Ms):F1} ms in all; the {Math.Min(top, all.Length)} longest (ms, IL bytes, method):"));
        foreach (var thread in all.GroupBy(c => c.Thread))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  thread {thread.Key}: {thread.Count()} methods, {thread.Sum(c => c.Ms):F1} ms"));
        foreach (var (name, il, ms, thread) in all.OrderByDescending(c => c.Ms).Take(top))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {ms,6:F2} {il,6} {thread,8} {Shorten(name)}"));
    }

    private static string Shorten(string name) => name
        .Replace("Backtester.Execution.", "", StringComparison.Ordinal)
        .Replace("Backtester.Benchmarks.Peers.", "", StringComparison.Ordinal)
        .Replace("VenueModels`5[NoQueue,ConstantLatency,LinearFees,NoSlippage,AccountMarks]", "Default", StringComparison.Ordinal)
        .Replace("Backtester.", "", StringComparison.Ordinal);
}
