using System;
using System.Globalization;
using System.IO;

namespace Backtester.Packaging.Tests;

/// <summary>
/// Packs Backtester.Sdk, Backtester.Engine, Backtester.Templates and the Backtester.Cli tool once per test run into a temporary folder feed,
/// with a unique prerelease version so the global NuGet packages folder can never serve a copy from an earlier run.
/// The build goes to a temporary artifacts path, so the repository's own bin/ and obj/ are left alone.
/// </summary>
public sealed class LocalFeed : IDisposable
{
    public LocalFeed()
    {
        RepositoryRoot = FindRepositoryRoot();
        Version = "0.1.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        Root = Path.Combine(Path.GetTempPath(), "backtester-packaging-" + Version);
        Directory = Path.Combine(Root, "feed");
        System.IO.Directory.CreateDirectory(Directory);

        foreach (string project in new[] { "src/Sdk/Backtester.Sdk.csproj", "src/Engine/Backtester.Engine.csproj", "templates/Backtester.Templates/Backtester.Templates.csproj", "src/Cli/Backtester.Cli.csproj" })
        {
            DotnetCli.Run(RepositoryRoot, ["pack", Path.Combine(RepositoryRoot, project), "-c", "Release", "-o", Directory,
                "--artifacts-path", Path.Combine(Root, "artifacts"), $"-p:Version={Version}", "-nodeReuse:false"],
                timeout: TimeSpan.FromMinutes(25)).ShouldSucceed(); // the tool packs once per platform, with ReadyToRun (decision 0072): 5+ minutes on a loaded machine
        }
    }

    /// <summary>The folder holding Backtester.sln.</summary>
    public string RepositoryRoot { get; }

    /// <summary>The version every package of this run has, e.g. 0.1.0-test20250101120000000.</summary>
    public string Version { get; }

    /// <summary>The local folder feed with the .nupkg and .snupkg files.</summary>
    public string Directory { get; }

    /// <summary>The temporary folder of this run (feed, artifacts, workspaces); deleted on dispose.</summary>
    public string Root { get; }

    public string PackagePath(string id, string extension = "nupkg") => Path.Combine(Directory, $"{id}.{Version}.{extension}");

    /// <summary>
    /// A new empty folder that is cut off from the repository and from the machine's package configuration: its own
    /// nuget.config (this feed, then nuget.org for the packages' dependencies such as Apache.Arrow) and empty
    /// Directory.Build.props/Directory.Packages.props, so nothing above it is imported.
    /// </summary>
    public string CreateWorkspace(string name)
    {
        string path = Path.Combine(Root, "workspaces", name);
        System.IO.Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="backtester-local" value="{Directory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(path, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(path, "Directory.Packages.props"), "<Project />\n");
        return path;
    }

    /// <summary>Deletes the run's folder and the run's unique versions from the global packages folder (best effort).</summary>
    public void Dispose()
    {
        string globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string id in new[] { "backtester.sdk", "backtester.engine" })
        {
            string idFolder = Path.Combine(globalPackages, id);
            TryDelete(Path.Combine(idFolder, Version));
            TryDeleteIfEmpty(idFolder); // another run's versions may be in it
        }
        TryDelete(Root);
    }

    private static void TryDelete(string path) => TryDelete(path, recursive: true);

    private static void TryDeleteIfEmpty(string path) => TryDelete(path, recursive: false);

    private static void TryDelete(string path, bool recursive)
    {
        try
        {
            if (System.IO.Directory.Exists(path)) System.IO.Directory.Delete(path, recursive);
        }
        catch (IOException) { } // not empty, or in use: leave it
        catch (UnauthorizedAccessException) { }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Backtester.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Backtester.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>Packaging tests share one <see cref="LocalFeed"/> and run one at a time (each one runs builds).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackagingCollection : ICollectionFixture<LocalFeed>
{
    public const string Name = "Packaging";
}
