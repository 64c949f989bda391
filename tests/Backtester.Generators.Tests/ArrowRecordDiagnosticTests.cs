using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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

    [Fact]
    public void BT0105_file_local_record() =>
        AssertReported(Usings + "[ArrowRecord] file partial record struct R(long A);", "BT0105", "R", "file-local");

    [Fact]
    public void BT0106_member_named_like_a_generated_member() =>
        AssertReported(Usings + "[ArrowRecord] public partial record struct R(long A) { public string TableName => \"x\"; }", "BT0106", "TableName", "the generated property TableName of [ArrowRecord] 'R'");

    [Fact]
    public void BT0107_record_whose_snake_case_name_is_an_engine_table() =>
        AssertReported(Usings + "[ArrowRecord] public partial record struct RoundTrips(long A);", "BT0107", "RoundTrips", "table name 'round_trips', which the engine uses");

    [Fact]
    public void BT0107_record_renamed_to_an_engine_table() =>
        AssertReported(Usings + "[ArrowRecord(TableName = \"equity\")] public partial record struct R(long A);", "BT0107", "R", "table name 'equity'");

    [Fact]
    public void BT0107_spares_records_declared_in_the_engine_assembly_only()
    {
        // The engine's Ledger is logged through the record sink, so its table name must be 'ledger' (docs/decisions/0043).
        string source = Usings + "[ArrowRecord] public partial record struct Ledger(long A);";
        static ImmutableArray<Diagnostic> AnalyzeIn(string assembly, string source)
        {
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(source).WithAssemblyName(assembly);
            GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
            return GeneratorHarness.Analyze(output);
        }

        Assert.Empty(AnalyzeIn("Backtester.Engine", source));
        Assert.Equal("BT0107", Assert.Single(AnalyzeIn("UserStrategies", source)).Id);
    }

    [Fact]
    public void BT0108_records_with_one_name_in_two_namespaces_are_both_reported()
    {
        string source = Usings + "namespace A { [ArrowRecord] public partial record struct Log(long X); }\nnamespace B { [ArrowRecord] public partial record struct Log(long Y); }";
        var diagnostics = GeneratorHarness.Analyze(source).OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Equal(new[] { "BT0108", "BT0108" }, diagnostics.Select(d => d.Id));
        Assert.Equal("[ArrowRecord] 'A.Log' has the table name 'log', which 'B.Log' also has; a run would write both to log.arrow",
            diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("[ArrowRecord] 'B.Log' has the table name 'log', which 'A.Log' also has; a run would write both to log.arrow",
            diagnostics[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(diagnostics, d => Assert.Equal("Log", d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)));
    }

    [Fact]
    public void BT0109_table_name_with_a_path_separator() =>
        AssertReported(Usings + "[ArrowRecord(TableName = \"a/b\")] public partial record struct R(long A);", "BT0109", "R", "TableName \"a/b\", which is not a table name: it contains '/'");

    [Fact]
    public void BT0109_empty_table_name() =>
        AssertReported(Usings + "[ArrowRecord(TableName = \"\")] public partial record struct R(long A);", "BT0109", "R", "it is empty");
}
