using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>A run whose every order the venue refused says so: before, it printed no fills and no rejections, as a quiet strategy would.</summary>
public sealed class RejectedOrdersWarningTests
{
    [Fact]
    public void A_run_whose_every_order_is_refused_warns_and_counts_them()
    {
        using var dir = new TempDirectory();
        // Size 1e300: each target is beyond the sanity bound (a position worth 1,000 × the account), refused as InvalidQuantity
        var result = Cli.Run("run", "-s", "SmaCross", "-d", "synthetic:market,days=2", "--param", "Size=1e300", "-o", dir.Path, "--json");

        Assert.Equal(0, result.ExitCode);
        var summary = result.Json.GetProperty("summary");
        long rejected = summary.GetProperty("rejected_orders").GetInt64();
        Assert.True(rejected > 0);
        Assert.Equal(0, summary.GetProperty("fills").GetInt64());
        Assert.Contains($"warning: the venue refused every order the strategy sent ({rejected:N0}), so nothing filled; with --out, orders.arrow has each one's reason", result.Error);
    }
}
