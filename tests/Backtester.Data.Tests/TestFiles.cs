using System.IO;
using System.IO.Compression;
using System.Text;

namespace Backtester.Data.Tests;

/// <summary>Writes small fixture files (with "\n" line endings on every platform) into a test's temp folder.</summary>
internal static class TestFiles
{
    public static string Write(this TempDirectory dir, string name, string text)
    {
        string path = dir.File(name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    public static string WriteGzip(this TempDirectory dir, string name, string text)
    {
        string path = dir.File(name);
        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n")));
        return path;
    }
}
