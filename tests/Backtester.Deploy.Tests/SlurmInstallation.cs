using System.Collections.Generic;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Backtester.Deploy.Tests;

/// <summary>
/// The Slurm and MUNGE programs, installed once for the test class when missing. What it installs, and why, goes to
/// xunit's diagnostic messages, which `dotnet test` prints (xunit.runner.json turns them on).
/// </summary>
public sealed class SlurmInstallation
{
    public SlurmInstallation(IMessageSink diagnostics) =>
        Programs = SlurmPackages.EnsureInstalled(line => diagnostics.OnMessage(new DiagnosticMessage(line)));

    /// <summary>The full path of each program, by name.</summary>
    internal IReadOnlyDictionary<string, string> Programs { get; }
}
