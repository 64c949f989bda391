using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace Backtester.Generators.Tests;

/// <summary>
/// Compares text with Snapshots/{name}.verified.cs. On a mismatch writes {name}.received.cs beside it and fails;
/// with BACKTESTER_ACCEPT_SNAPSHOTS=1 it overwrites the verified file instead.
/// </summary>
internal static partial class Snapshot
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        string normalized = Normalize(actual);

        if (Environment.GetEnvironmentVariable("BACKTESTER_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, normalized);
            File.Delete(receivedPath);
            return;
        }

        string? verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (verified == normalized)
        {
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, normalized);
        Assert.Fail(verified is null
            ? $"No snapshot {verifiedPath}; wrote {receivedPath}. Review it, then rename it or rerun with BACKTESTER_ACCEPT_SNAPSHOTS=1."
            : $"Generated code differs from {verifiedPath}; see {receivedPath}. Rerun with BACKTESTER_ACCEPT_SNAPSHOTS=1 to accept it.");
    }

    // The generator's version is in [GeneratedCode]; scrub it so a version bump does not churn every snapshot.
    private static string Normalize(string text) =>
        GeneratedCodeVersion().Replace(text.Replace("\r\n", "\n"), "GeneratedCode(\"Backtester.Generators\", \"{version}\")");

    [GeneratedRegex("GeneratedCode\\(\"Backtester\\.Generators\", \"[^\"]*\"\\)")]
    private static partial Regex GeneratedCodeVersion();
}
