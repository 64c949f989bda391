using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Backtester.Cli.Tests;

/// <summary>
/// Runs the CLI in-process with captured output and a given environment (never the process's own). The samples'
/// strategies are registered once, as <c>--assembly</c> would register a user's; <see cref="SampleAssemblies"/> are
/// their paths for tests of <c>--assembly</c> itself.
/// </summary>
internal static class Cli
{
    public static readonly string[] SampleAssemblies =
    [
        typeof(Backtester.Samples.SmaCross).Assembly.Location,
        typeof(Backtester.Samples.ZScoreSignals).Assembly.Location,
        typeof(Backtester.Samples.MarketMaker).Assembly.Location,
        typeof(Backtester.Samples.BollingerReversion).Assembly.Location,
    ];

    static Cli()
    {
        foreach (string path in SampleAssemblies)
            StrategyCatalog.RegisterAssembly(System.Reflection.Assembly.LoadFrom(path));
    }

    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public JsonElement Json => JsonDocument.Parse(Out).RootElement;
    }

    public static Result Run(params string[] args) => RunWith(new Dictionary<string, string>(), args);

    public static Result RunWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var env = new Dictionary<string, string>(environment) { ["NO_COLOR"] = "1" };
        int code = BacktesterCli.Run(args, new CliConsole(output, error, name => env.GetValueOrDefault(name), IsTerminal: false));
        return new Result(code, output.ToString(), error.ToString());
    }
}

