using Xunit;

namespace Backtester.Generators.Tests;

/// <summary>
/// Declaration shapes a careful user (or tester) writes, each with the diagnostic it must get, or null when it must
/// compile with the generated code. Sources are split on <see cref="NextFile"/> into several files.
/// </summary>
internal static class DeclarationShapes
{
    public const string NextFile = "\n//--- next file\n";

    private const string Usings = "using Backtester;\nusing System;\n";

    private static string Strategy(string members, string header = "public partial class S") => Usings + $$"""
        namespace Shapes;

        [Strategy]
        {{header}}
        {
        {{members}}
        }
        """;

    private static string Record(string declaration) => Usings + "namespace Shapes;\n" + declaration;

    public static TheoryData<string, string, string?> Strategies() => new()
    {
        // Kinds of type.
        { "class in a file-scoped namespace", Strategy("[Param(1, 3)] public int A { get; set; }\n[OnTrade] void T(in Trade t) { }"), null },
        { "struct with a field parameter", Strategy("[Param(1, 3)] public int A;\n[OnBar] void B(in Bar b, Orders o) { }", "public partial struct S"), null },
        { "readonly struct", Strategy("[OnTrade] void T(in Trade t) { }", "public readonly partial struct S"), null },
        { "record class", Strategy("[Param(1, 2)] public int A { get; init; }", "public partial record S"), null },
        { "record struct", Strategy("[Param(1, 2)] public int A { get; set; }", "public partial record struct S"), null },
        { "readonly record struct", Strategy("[Param(1, 2)] public int A { get; init; }", "public readonly partial record struct S"), null },
        { "positional record class", Usings + "[Strategy] public partial record S(int X);", "BT0013" },
        { "positional record struct", Usings + "[Strategy] public partial record struct S(int X) { [OnTrade] void T(in Trade t) { } }", null },
        { "sealed class", Strategy("[Param(1, 2)] public int A { get; set; }", "public sealed partial class S"), null },
        { "internal class", Strategy("[Param(1, 2)] public int A { get; set; }", "internal partial class S"), null },
        { "class with XML docs and attributes", Strategy("/// <summary>A.</summary>\n[Param(1, 2)] [Obsolete(\"old\")] public int A { get; set; }", "/// <summary>S.</summary>\n[Serializable] public partial class S"), null },
        { "static class", Strategy("", "public static partial class S"), "BT0013" },
        { "abstract class", Strategy("", "public abstract partial class S"), "BT0013" },
        { "class with only a private constructor", Strategy("private S() { }\n[Param(1, 2)] public int A { get; set; }"), null },
        { "class with an all-optional constructor", Strategy("public S(int seed = 1) { }\n[Param(1, 2)] public int A { get; set; }"), null },
        { "class without a parameterless constructor", Strategy("public S(int seed) { }"), "BT0013" },
        { "generic class", Strategy("", "public partial class S<T>"), "BT0002" },
        { "nested in a class", Usings + "public partial class Outer { [Strategy] public partial class S { } }", "BT0002" },
        { "nested in a struct", Usings + "public partial struct Outer { [Strategy] public partial struct S { } }", "BT0002" },
        { "file-local class", Strategy("[Param(1, 2)] public int A { get; set; }", "file partial class S"), "BT0002" },
        { "ref struct", Strategy("", "public ref partial struct S"), "BT0002" },
        { "not partial", Strategy("", "public class S"), "BT0001" },
        { "partial across files", Strategy("[Param(1, 2)] public int A { get; set; }") + NextFile + Usings + "namespace Shapes;\npublic partial class S { [OnTrade] void T(in Trade t) { } [Param(Values = new[] { 2, 4 })] public int B { get; set; } }", null },

        // Names.
        { "global namespace", Usings + "[Strategy] public partial class S { [Param(1, 2)] public int A { get; set; } }", null },
        { "verbatim namespace", Usings + "namespace @event;\n[Strategy] public partial class S { [Param(1, 2)] public int A { get; set; } }", null },
        { "verbatim nested namespaces", Usings + "namespace My.@class.@struct;\n[Strategy] public partial class S { [OnTrade] void T(in Trade t) { } }", null },
        { "unicode names", Usings + "namespace Stratégies;\n[Strategy] public partial class Größe { [Param(1, 2)] public int Länge { get; set; } [OnTrade] void Über(in Trade t) { } }", null },
        { "keyword type and parameter names", Usings + "namespace Shapes;\n[Strategy] public partial class @class { [Param(1, 2)] public int @int { get; set; } [OnTrade] void @event(in Trade @in) { } }", null },
        { "keyword parameter that is a statistic column", Strategy("[Param(1, 2)] public int @return { get; set; }"), "BT0017" },
        { "parameter named like a statistic", Strategy("[Param(1.0, 2.0)] public double Sharpe { get; set; }"), "BT0017" },
        { "parameter named Index", Strategy("[Param(1, 2)] public int Index { get; set; }"), "BT0017" },
        { "parameter named Error", Strategy("[Param] public bool Error { get; set; }"), "BT0017" },
        { "parameters Alpha and alpha", Strategy("[Param(1, 2)] public int Alpha { get; set; }\n[Param(1, 2)] public int alpha { get; set; }"), "BT0016" },
        { "parameters FastMA and FastMa", Strategy("[Param(1, 2)] public int FastMA { get; set; }\n[Param(1, 2)] public int FastMa { get; set; }"), "BT0016" },
        { "parameters aBC and ABC (distinct columns, one camelCase stem)", Strategy("[Param(1, 2)] public int aBC { get; set; }\n[Param(1, 2)] public int ABC { get; set; }"), null },
        { "parameter named like the format method's argument", Strategy("[Param(1, 2)] public int parameter { get; set; }"), null },
        { "parameters named like the WithValue arguments", Strategy("[Param(1, 2)] public int name { get; set; }\n[Param(1, 2)] public int text { get; set; }"), null },
        { "parameter named like another's steps local", Strategy("[Param(1, 3)] public int a { get; set; }\n[Param(1, 3)] public int aSteps { get; set; }"), null },
        { "parameter named like another's index local", Strategy("[Param(1, 3)] public int fast { get; set; }\n[Param(1, 3)] public int fastIndex { get; set; }"), null },
        { "parameter named like another's values field", Strategy("[Param(Values = new[] { 1, 3 })] public int X { get; set; }\n[Param(1, 3)] public int s_xValues { get; set; }"), null },
        { "parameter named like a generated member", Strategy("[Param(1, 2)] public int Count { get; set; }"), "BT0014" },
        { "parameter named TableName", Strategy("[Param(1, 2)] public int TableName { get; set; }"), "BT0014" },
        { "parameter named RegisterWithStrategyCatalog", Strategy("[Param(1, 2)] public int RegisterWithStrategyCatalog { get; set; }"), "BT0014" },
        { "underscore parameter names", Strategy("[Param(1, 2)] public int _a;\n[Param(1, 2)] public int __b;"), null },
        { "strategy named Trade in its own namespace", Usings + "namespace Shapes;\n[Strategy] public partial class Trade { [OnTrade] void T(in Backtester.Trade t) { } }", null },
        { "strategy in a namespace under Backtester", Usings + "namespace Backtester.Users;\n[Strategy] public partial class S { [Param(1, 2)] public int A { get; set; } [OnFill] void F(in Fill f) { } }", null },
        { "user class named System shadows nothing", Usings + "namespace Shapes { public class System { } [Strategy] public partial class S { [Param(1, 2)] public int A { get; set; } } }", null },
        { "user Orders type shadowing the Sdk's", Usings + "namespace Shapes;\npublic class Orders { }\n[Strategy] public partial class S { [OnTrade] void T(in Trade t, Orders o) { } }", "BT0008" },
        { "types S and s in one namespace", Strategy("[Param(1, 2)] public int A { get; set; }") + NextFile + Usings + "namespace Shapes;\n[Strategy] public partial class s { [Param(1, 2)] public int A { get; set; } }", null },
        { "namespaces A and a with one type name", Usings + "namespace A { [Strategy] public partial class S { } }\nnamespace a { [Strategy] public partial class S { } }", null },
        { "strategy name with quotes and backslashes", Usings + "[Strategy(Name = \"a \\\"quoted\\\" \\\\ name\")] public partial class S { }", null },

        // Members the generated code declares.
        { "user method CreateDriver()", Strategy("public int CreateDriver() => 1;"), "BT0018" },
        { "user property Grid", Strategy("public int Grid { get; set; }"), "BT0018" },
        { "user field StrategyName", Strategy("public string StrategyName = \"x\";"), "BT0018" },
        { "nested type Parameters", Strategy("public sealed class Parameters { }"), "BT0018" },
        { "nested type Driver", Strategy("public struct Driver { }"), "BT0018" },
        { "strategy named Driver", Usings + "namespace Shapes;\n[Strategy] public partial class Driver { }", "BT0018" },
        { "strategy named Parameters", Usings + "namespace Shapes;\n[Strategy] public partial class Parameters { }", "BT0018" },
        { "static Create overload with another signature", Strategy("public static S Create(int seed) => new S();"), null },
        { "GetParameters overload with an argument", Strategy("public int GetParameters(int x) => x;"), null },
        { "member named like the driver's field", Strategy("private int _strategy;\npublic int Strategy => _strategy;\n[OnTrade] void T(in Trade t) => _strategy++;"), null },
        { "base class with a Parameters property", Usings + "namespace Shapes;\npublic class Base { public int Other { get; set; } }\n[Strategy] public partial class S : Base { [Param(1, 2)] public int A { get; set; } }", null },

        // Required members.
        { "required non-parameter member", Strategy("public required string Label { get; set; }"), "BT0013" },
        { "required parameter", Strategy("[Param(1, 2)] public required int A { get; set; }"), null },
        { "required member set by an attributed constructor", Strategy("[System.Diagnostics.CodeAnalysis.SetsRequiredMembers] public S() { Label = \"x\"; }\npublic required string Label { get; set; }"), null },
        { "required member in the base class", Usings + "namespace Shapes;\npublic class Base { public required string Label { get; set; } }\n[Strategy] public partial class S : Base { }", "BT0013" },

        // Handlers.
        { "async void handler", Strategy("[OnTrade] async void T(in Trade t) { await System.Threading.Tasks.Task.Yield(); }"), "BT0015" },
        { "async void handler without an event", Strategy("[OnFinish] async void F() { await System.Threading.Tasks.Task.Yield(); }"), "BT0015" },
        { "handler returning Task", Strategy("[OnFinish] System.Threading.Tasks.Task F() => System.Threading.Tasks.Task.CompletedTask;"), "BT0008" },
        { "handler returning int", Strategy("[OnBar] int B(in Bar b) => 0;"), "BT0008" },
        { "handler taking the event by ref", Strategy("[OnTrade] void T(ref Trade t) { }"), "BT0008" },
        { "handler taking the event as out", Strategy("[OnTrade] void T(out Trade t) { t = default; }"), "BT0008" },
        { "generic handler", Strategy("[OnTrade] void T<X>(in Trade t) { }"), "BT0008" },
        { "handler with params Orders[]", Strategy("[OnTrade] void T(in Trade t, params Orders[] o) { }"), "BT0008" },
        { "handler with the wrong event type", Strategy("[OnQuote] void Q(in Trade t) { }"), "BT0008" },
        { "handler with a nullable Orders (a struct, so another type)", Strategy("[OnTrade] void T(in Trade t, Orders? o = null) { }"), "BT0008" },
        { "handler with a defaulted Orders", Strategy("[OnTrade] void T(in Trade t, Orders o = default) { }"), null },
        { "handler taking the event by value", Strategy("[OnTrade] void T(Trade t) { }"), null },
        { "handler taking the event by ref readonly", Strategy("[OnTrade] void T(ref readonly Trade t) { }"), null },
        { "public handler with a keyword name", Strategy("[OnQuote] public void @event(in Quote q, Orders orders) { }"), null },
        { "static handler", Strategy("[OnStart] static void Go() { }"), "BT0010" },
        { "two handlers for one event", Strategy("[OnBar] void A(in Bar b) { }\n[OnBar] void B(in Bar b) { }"), "BT0009" },
        { "explicit interface implementation as handler", Usings + "namespace Shapes;\npublic interface IH { void H(in Trade t); }\n[Strategy] public partial class S : IH { [OnTrade] void IH.H(in Trade t) { } }", "BT0008" },
        { "partial method handler", Strategy("[OnTrade] partial void T(in Trade t);\npartial void T(in Trade t) { }"), null },
        { "every event handled", Strategy("[OnStart] void A() { }\n[OnTrade] void B(in Trade t) { }\n[OnQuote] void C(in Quote q) { }\n[OnBar] void D(in Bar b) { }\n[OnFill] void E(in Fill f, Orders o) { }\n[OnOrder] void F(in OrderUpdate u) { }\n[OnFinish] void G(Orders o) { }"), null },
        { "handlers on a struct strategy mutate it", Strategy("int _n;\n[OnTrade] void T(in Trade t) => _n++;", "public partial struct S"), null },

        // Parameter members.
        { "parameter that is an explicit interface property", Usings + "namespace Shapes;\npublic interface IP { int A { get; set; } }\n[Strategy] public partial class S : IP { [Param(1, 2)] int IP.A { get; set; } }", "BT0004" },
        { "private field parameter", Strategy("[Param(1, 2)] private int _a;\n[OnTrade] void T(in Trade t) { _ = _a; }"), null },
        { "init-only parameter", Strategy("[Param(1, 2)] public int A { get; init; }"), null },
        { "private setter parameter", Strategy("[Param(1, 2)] public int A { get; private set; }"), null },
        { "readonly field parameter in a struct", Strategy("[Param(1, 2)] public readonly int A;", "public partial struct S"), "BT0004" },
        { "enum nested in the strategy", Strategy("public enum Mode { Slow, Fast }\n[Param] public Mode M { get; set; }"), null },
        { "enum with keyword members and an alias", Usings + "namespace Shapes;\npublic enum E { @class, @struct, Alias = 0 }\n[Strategy] public partial class S { [Param] public E Kind { get; set; } }", null },
        { "enum without members", Usings + "namespace Shapes;\npublic enum Empty { }\n[Strategy] public partial class S { [Param] public Empty E { get; set; } }", "BT0005" },
        { "nullable int parameter", Strategy("[Param(1, 2)] public int? A { get; set; }"), "BT0003" },
        { "long range wider than long", Strategy("[Param(-9223372036854775808.0, 9.2e18, Step = 1e18)] public long A { get; set; }"), null },
        { "decimal and double value lists", Strategy("[Param(Values = new[] { 0.1, 0.25 })] public decimal D { get; set; }\n[Param(Values = new[] { 1.5, -2.0 })] public double X { get; set; }"), null },
    };

    public static TheoryData<string, string, string?> ArrowRecords() => new()
    {
        { "positional record", Record("[ArrowRecord] public partial record struct R(long A, double B);"), null },
        { "record with properties and a field", Record("[ArrowRecord] public partial record struct R { public long A { get; init; } public bool B; }"), null },
        { "readonly record", Record("[ArrowRecord] public readonly partial record struct R(long A);"), null },
        { "record in the global namespace", Usings + "[ArrowRecord] public partial record struct R(long A);", null },
        { "record in a verbatim namespace", Usings + "namespace @event;\n[ArrowRecord] public partial record struct R(long A);", null },
        { "keyword record and member names", Record("[ArrowRecord] public partial record struct @class(long @int, string? @string);"), null },
        { "unicode record and member names", Record("[ArrowRecord] public partial record struct Größe(long Länge, double Straße);"), null },
        { "members named like Append's and ReadRow's arguments", Record("[ArrowRecord] public partial record struct R(long record, int batch, int row);"), null },
        { "members aBC and ABC", Record("[ArrowRecord] public partial record struct R(long aBC, long ABC);"), null },
        { "members Alpha and alpha", Record("[ArrowRecord] public partial record struct R(long Alpha, long alpha);"), "BT0104" },
        { "class", Record("[ArrowRecord] public partial class C { }"), "BT0102" },
        { "plain struct", Record("[ArrowRecord] public partial struct P { public long A; }"), "BT0102" },
        { "record class", Record("[ArrowRecord] public partial record C(long A);"), "BT0102" },
        { "not partial", Record("[ArrowRecord] public record struct R(long A);"), "BT0102" },
        { "generic", Record("[ArrowRecord] public partial record struct R<T>(long A);"), "BT0105" },
        { "nested", Record("public partial class Outer { [ArrowRecord] public partial record struct R(long A); }"), "BT0105" },
        { "file-local", Record("[ArrowRecord] file partial record struct R(long A);"), "BT0105" },
        { "member of an unsupported type", Record("[ArrowRecord] public partial record struct R(char C);"), "BT0101" },
        { "enum member with a ulong underlying type", Record("public enum Big : ulong { A }\n[ArrowRecord] public partial record struct R(Big B);"), "BT0101" },
        { "timestamp on an int", Record("[ArrowRecord] public partial record struct R([ArrowTimestamp] int T);"), "BT0103" },
        { "member named TableName", Record("[ArrowRecord] public partial record struct R(long A) { public string TableName => \"x\"; }"), "BT0106" },
        { "positional member named Columns", Record("[ArrowRecord] public partial record struct R(long Columns);"), "BT0106" },
        { "method named CreateColumns()", Record("[ArrowRecord] public partial record struct R(long A) { public static int CreateColumns() => 0; }"), "BT0106" },
        { "CreateColumns overload with an argument", Record("[ArrowRecord] public partial record struct R(long A) { public static int CreateColumns(int n) => n; }"), null },
        { "record named Columns", Record("[ArrowRecord] public partial record struct Columns(long A);"), "BT0106" },
        { "record named Fills", Record("[ArrowRecord] public partial record struct Fills(long A);"), "BT0107" },
        { "record named Summary", Record("[ArrowRecord] public partial record struct Summary(long A);"), "BT0107" },
        { "record named RoundTrips", Record("[ArrowRecord] public partial record struct RoundTrips(long A);"), "BT0107" },
        { "record renamed to sweep", Record("[ArrowRecord(TableName = \"sweep\")] public partial record struct R(long A);"), "BT0107" },
        { "record renamed to an empty name", Record("[ArrowRecord(TableName = \"\")] public partial record struct R(long A);"), "BT0109" },
        { "record renamed to a path", Record("[ArrowRecord(TableName = \"../up\")] public partial record struct R(long A);"), "BT0109" },
        { "record renamed to a free name", Record("[ArrowRecord(TableName = \"my-signals_2\")] public partial record struct Fills(long A);"), null },
        { "two records with one name in two namespaces", Usings + "namespace A { [ArrowRecord] public partial record struct Log(long X); }\nnamespace B { [ArrowRecord] public partial record struct Log(long Y); }", "BT0108" },
        { "a record renamed onto another's name", Record("[ArrowRecord] public partial record struct Signal(long A);\n[ArrowRecord(TableName = \"signal\")] public partial record struct Other(long B);"), "BT0108" },
        { "records Log and log in two files", Record("[ArrowRecord] public partial record struct Log(long A);") + NextFile + Record("[ArrowRecord] public partial record struct log(long B);"), "BT0108" },
        { "record and strategy on one type", Record("[ArrowRecord, Strategy] public partial record struct Both([property: Param(1, 2)] int A) { public Both() : this(1) { } }"), null },
    };
}
