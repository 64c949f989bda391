using System;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Backtester.Cli.Sweeps;

/// <summary>
/// Shows a sweep's progress: a live Spectre progress bar (done/total, rate, ETA) on an interactive terminal; otherwise
/// a plain line on stderr at most every few seconds and at the end; nothing with <c>--quiet</c>.
/// </summary>
internal static class SweepProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="sweep"/>, handing it the progress sink to put into its <see cref="SweepOptions"/>.</summary>
    public static T Run<T>(CliConsole console, bool quiet, bool live, string title, Func<IProgress<SweepProgress>?, T> sweep)
    {
        if (quiet) return sweep(null);
        if (!live) return sweep(new PlainLines(console, title));
        T result = default!;
        console.CreateAnsiConsole().Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(title));
                result = sweep(new Bar(task, title));
            });
        return result;
    }

    private static string Describe(string title, SweepProgress p) =>
        string.Create(CultureInfo.InvariantCulture, $"{title}: {p.Done:N0}/{p.Total:N0} ({p.Rate:N1}/s)");

    private sealed class Bar(ProgressTask task, string title) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
            task.Description = Markup.Escape(Describe(title, value));
        }
    }

    private sealed class PlainLines(CliConsole console, string title) : IProgress<SweepProgress>
    {
        private readonly object _gate = new();
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
        private long _lastDone = -1;

        public void Report(SweepProgress value)
        {
            lock (_gate)
            {
                bool final = value.Done == value.Total;
                if (value.Done == _lastDone || (!final && _sinceLast.Elapsed < PlainInterval)) return;
                _sinceLast.Restart();
                _lastDone = value.Done;
                string eta = value.Remaining is { } r && !final ? $", ETA {r:hh\\:mm\\:ss}" : "";
                console.Error.WriteLine(Describe(title, value) + eta);
            }
        }
    }
}
