using Xunit;

namespace Backtester.Cli.Tests;

public class TimeFormatTests
{
    // 2024-01-01T00:00:00Z is 1,704,067,200 s after the epoch.
    private const long NewYear2024 = 1_704_067_200_000_000_000L;

    [Theory]
    [InlineData(NewYear2024, "2024-01-01T00:00:00.000000000Z")]
    [InlineData(NewYear2024 + 250_000_000, "2024-01-01T00:00:00.250000000Z")]
    [InlineData(NewYear2024 + 1, "2024-01-01T00:00:00.000000001Z")]
    [InlineData(NewYear2024 + 123_456_789, "2024-01-01T00:00:00.123456789Z")]
    [InlineData(-1, "1969-12-31T23:59:59.999999999Z")]
    public void Json_instants_have_nine_fractional_digits_exact_to_the_nanosecond(long ns, string expected) =>
        Assert.Equal(expected, DataSpan.Json(ns));

    [Theory]
    [InlineData(NewYear2024, "2024-01-01T00:00:00Z")]
    [InlineData(NewYear2024 + 250_000_000, "2024-01-01T00:00:00.250Z")]
    [InlineData(NewYear2024 + 1, "2024-01-01T00:00:00.000000001Z")] // not 2024-01-01T00:00:00.0000000Z (100 ns ticks)
    [InlineData(NewYear2024 + 123_456_789, "2024-01-01T00:00:00.123456789Z")]
    public void Table_instants_keep_the_digits_the_value_has_and_never_round_them_away(long ns, string expected) =>
        Assert.Equal(expected, DataSpan.Iso(ns));
}
