using System.IO;

namespace Backtester.Packaging.Tests;

/// <summary>A console project in a workspace of the <see cref="LocalFeed"/>, built and run the way a user would.</summary>
internal sealed class ConsumerProject(string directory, string name)
{
    public string Directory { get; } = directory;

    public string Name { get; } = name;

    /// <summary>A new console project that references Backtester.Engine (only) at the feed's version.</summary>
    public static ConsumerProject Create(LocalFeed feed, string name)
    {
        string directory = Path.Combine(feed.CreateWorkspace(name), name);
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Backtester.Engine" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        return new ConsumerProject(directory, name);
    }

    public void Write(string file, string text) => File.WriteAllText(Path.Combine(Directory, file), text);

    /// <summary>Restores (from the workspace's nuget.config) and builds in Debug; the caller decides what success is.</summary>
    public CliResult Build() => DotnetCli.Run(Directory, ["build", "-c", "Debug", "-nodeReuse:false"]);

    /// <summary>Runs the built program.</summary>
    public CliResult Run() => DotnetCli.Run(Directory, [Path.Combine("bin", "Debug", "net10.0", Name + ".dll")]);
}
