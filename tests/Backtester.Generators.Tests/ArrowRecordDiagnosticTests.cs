using Xunit;
using static Backtester.Generators.Tests.DiagnosticAssert;

namespace Backtester.Generators.Tests;

/// <summary>One test per [ArrowRecord] rule: reported on the right member with the bad value in the message, and the record skipped by the generator.</summary>
public sealed class ArrowRecordDiagnosticTests
{
    [Fact]
    public void BT0101_member_of_an_unsupported_type() =>
        AssertReported(Usings + "[ArrowRecord] public partial record struct R(long A, decimal Price);", "BT0101", "Price", "'decimal'");

    [Fact]
    public void BT0101_nullable_value_type_property() =>
        AssertReported(Usings + "[ArrowRecord] public partial record struct R { public long? Size { get; init; } }", "BT0101", "Size", "'long?'");

    [Fact]
    public void BT0102_record_struct_that_is_not_partial() =>
        AssertReported(Usings + "[ArrowRecord] public record struct R(long A);", "BT0102", "R", "not partial");

    [Fact]
    public void BT0102_plain_struct() =>
        AssertReported(Usings + "[ArrowRecord] public partial struct S { public long A; }", "BT0102", "S", "a struct, not a record struct");

    [Fact]
    public void BT0103_timestamp_on_a_double_parameter() =>
        AssertReported(Usings + "[ArrowRecord] public partial record struct R([ArrowTimestamp] double Time);", "BT0103", "Time", "'double'");

    [Fact]
    public void BT0103_timestamp_on_an_int_property() =>
        AssertReported(Usings + "[ArrowRecord] public partial record struct R { [ArrowTimestamp] public int Time { get; init; } }", "BT0103", "Time", "'int'");

    [Fact]
    public void BT0104_two_members_with_the_same_snake_case_name() =>
        AssertReported(Usings + "[ArrowRecord] public partial record struct R(long OrderId, long Order_Id);", "BT0104", "Order_Id", "'order_id', which 'OrderId' already has");

    [Fact]
    public void BT0105_nested_record_names_its_container() =>
        AssertReported(Usings + "public partial class Outer { [ArrowRecord] public partial record struct Inner(long A); }", "BT0105", "Inner", "nested in 'Outer'");

    [Fact]
    public void BT0105_generic_record() =>
        AssertReported(Usings + "[ArrowRecord] public partial record struct G<T>(long A);", "BT0105", "G", "generic");

    [Fact]
    public void Valid_records_have_no_diagnostics()
    {
        Assert.Empty(GeneratorHarness.Analyze(SampleArrowRecords.Execution));
        Assert.Empty(GeneratorHarness.Analyze(SampleArrowRecords.SignalLog));
    }
}
