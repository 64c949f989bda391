using System;
using System.IO;

namespace Backtester.Benchmarks;

/// <summary>
/// A scratch directory for a suite's data files, <c>bt-bench-{name}-{process id}</c> under the system temp folder;
/// disposing it deletes it with everything in it.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string name)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bt-bench-{name}-{Environment.ProcessId}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The path of <paramref name="fileName"/> in the directory.</summary>
    public string File(string fileName) => System.IO.Path.Combine(Path, fileName);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
