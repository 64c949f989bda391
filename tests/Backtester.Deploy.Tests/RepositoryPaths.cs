using System;
using System.IO;

namespace Backtester.Deploy.Tests;

internal static class RepositoryPaths
{
    /// <summary>The folder holding Backtester.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A file of the repository, from its path segments.</summary>
    public static string File(params string[] path) => Path.Combine([Root, .. path]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Backtester.sln"))) return dir.FullName;
        throw new InvalidOperationException("Backtester.sln not found above " + AppContext.BaseDirectory);
    }
}
