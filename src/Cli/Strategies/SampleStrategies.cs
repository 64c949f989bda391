using Backtester.Samples;

namespace Backtester.Cli;

/// <summary>The strategies of the repository's samples, available by name without <c>--assembly</c>.</summary>
internal static class SampleStrategies
{
    public static void Register()
    {
        // A module initializer runs when its module is first touched; registering the assembly runs it now.
        StrategyCatalog.RegisterAssembly(typeof(SmaCross).Assembly);
        StrategyCatalog.RegisterAssembly(typeof(BollingerReversion).Assembly);
        StrategyCatalog.RegisterAssembly(typeof(MarketMaker).Assembly);
        StrategyCatalog.RegisterAssembly(typeof(ZScoreSignals).Assembly);
    }
}
