using System.Linq;
using Xunit;

namespace Backtester.Generators.Tests;

public sealed class ArrowRecordSnapshotTests
{
    [Fact]
    public void Positional_fill_like_record_gets_a_snake_case_schema_and_pooled_columns() =>
        Snapshot.Verify("ArrowExecution", GeneratorHarness.GenerateSingleFile(SampleArrowRecords.Execution));

    [Fact]
    public void Record_with_properties_enum_bool_string_and_timestamp_maps_each_to_its_arrow_type() =>
        Snapshot.Verify("ArrowSignalLog", GeneratorHarness.GenerateSingleFile(SampleArrowRecords.SignalLog));

    [Fact]
    public void Hint_name_is_namespace_type_and_feature()
    {
        var (result, _) = GeneratorHarness.Generate(SampleArrowRecords.Execution, SampleArrowRecords.SignalLog);
        Assert.Equal(
            new[] { "Demo.Logs.Execution.ArrowRecord.g.cs", "SignalLog.ArrowRecord.g.cs" },
            result.GeneratedSources.Select(s => s.HintName).Order());
    }

    [Theory]
    [InlineData("OrderId", "order_id")]
    [InlineData("SymbolId", "symbol_id")]
    [InlineData("IsMaker", "is_maker")]
    [InlineData("Timestamp", "timestamp")]
    [InlineData("HTTPCode", "http_code")]
    [InlineData("PnLRatio", "pn_l_ratio")]
    [InlineData("Ema20Value", "ema20_value")]
    [InlineData("price", "price")]
    public void Column_names_are_member_names_in_snake_case(string member, string column) =>
        Assert.Equal(column, SymbolNames.ToSnakeCase(member));
}
