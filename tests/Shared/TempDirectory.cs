using System;
using System.IO;

namespace Backtester.Testing;

/// <summary>A fresh folder under the system temp folder, deleted (best effort) on dispose. Linked into each test project.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "backtester-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>The path of <paramref name="name"/> in this folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The files now in this folder.</summary>
    public string[] Files() => Directory.GetFiles(Path);

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
        catch (IOException) { } // a file still open on a slow file system: leave the folder to the OS
    }
}
