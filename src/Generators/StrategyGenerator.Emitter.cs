using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Backtester.Generators.Models;
using Microsoft.CodeAnalysis.CSharp;

namespace Backtester.Generators;

public sealed partial class StrategyGenerator
{
    /// <summary>Model in, text out: the partial strategy type with its Parameters and Driver.</summary>
    internal static class Emitter
    {
        public static string Emit(StrategySpec strategy) => GeneratedFile.Write(strategy.Namespace, w => WriteStrategy(w, strategy));

        private static void WriteStrategy(IndentedWriter w, StrategySpec s)
        {
            string self = s.FullyQualifiedName;
            string header = $"partial {s.DeclarationKeyword} {s.TypeName} : global::Backtester.IStrategy<{self}, {self}.Parameters, {self}.Driver>";
            using (w.Block(header))
            {
                string assignments = string.Join(", ", s.Parameters.Select(p => $"{p.Name} = parameters.{p.Name}"));
                string creation = assignments.Length == 0 ? $"new {self}()" : $"new {self} {{ {assignments} }}";
                w.WriteLine($$"""
                    /// <summary>The strategy's name in reports and on the command line.</summary>
                    public static string StrategyName => {{s.StrategyName}};

                    /// <summary>Every combination of the [Param] values ({{DescribeGrid(s)}}), addressed by index.</summary>
                    public static global::Backtester.ParameterGrid<{{self}}, Parameters, Driver> Grid => global::Backtester.ParameterGrid<{{self}}, Parameters, Driver>.All;

                    /// <summary>A new strategy with its [Param] members set from <paramref name="parameters"/>.</summary>
                    /// <param name="parameters">One combination, e.g. <c>Grid[i]</c>.</param>
                    public static {{self}} Create(in Parameters parameters) => {{creation}};

                    /// <summary>The current values of this strategy's [Param] members.</summary>
                    public Parameters GetParameters() => Parameters.From(this);

                    /// <summary>A driver that dispatches engine events to this strategy with direct calls.</summary>
                    public Driver CreateDriver() => new Driver(this);

                    /// <summary>Registers the strategy by name in the catalog when its assembly loads (used by the CLI).</summary>
                    [global::System.Runtime.CompilerServices.ModuleInitializer]
                    internal static void RegisterWithStrategyCatalog() =>
                        global::Backtester.StrategyCatalog.Register(new global::Backtester.Infrastructure.StrategyRegistration<{{self}}, Parameters, Driver>());

                    """);
                WriteParameters(w, s);
                w.WriteLine();
                WriteDriver(w, s);
            }
        }

        private static void WriteParameters(IndentedWriter w, StrategySpec s)
        {
            w.WriteLine($"/// <summary>One combination of the [Param] values of <see cref=\"{s.FullyQualifiedName}\"/>, numbered mixed-radix: the last parameter varies fastest.</summary>");
            foreach (ParamSpec p in s.Parameters)
                w.WriteLine($"/// <param name=\"{p.PlainName}\">The value of {p.PlainName}.</param>");
            w.WriteLine(GeneratedFile.GeneratedCode);
            string positional = s.Parameters.Count == 0 ? "" : "(" + string.Join(", ", s.Parameters.Select(p => $"{p.TypeName} {p.Name}")) + ")";
            using (w.Block($"public readonly record struct Parameters{positional} : global::Backtester.IStrategyParameters<Parameters>, global::Backtester.Arrow.IArrowRecord<Parameters>"))
            {
                bool hasLists = false;
                foreach (ParamSpec p in s.Parameters)
                {
                    if (p.Values is not ListValues list) continue;
                    w.WriteLine($"private static readonly {p.TypeName}[] {list.FieldName} = {{ {string.Join(", ", list.Values)} }};");
                    hasLists = true;
                }
                if (hasLists) w.WriteLine();

                string count = s.GridCount.ToString(CultureInfo.InvariantCulture);
                string from = string.Join(", ", s.Parameters.Select(p => $"strategy.{p.Name}"));
                w.WriteLine($$"""
                    /// <summary>The number of combinations: {{DescribeGrid(s)}}.</summary>
                    public const long Count = {{count}};

                    /// <inheritdoc/>
                    public static long GridCount => Count;

                    /// <summary>The current values of <paramref name="strategy"/>'s [Param] members.</summary>
                    public static Parameters From({{s.FullyQualifiedName}} strategy) => new({{from}});

                    /// <inheritdoc/>
                    """);
                using (w.Block("public static Parameters FromGridIndex(long index)"))
                {
                    w.WriteLine($"""
                        if ((ulong)index >= (ulong)Count)
                            throw new global::System.ArgumentOutOfRangeException(nameof(index), index, "Index must be within 0..{s.GridCount - 1}.");
                        """);
                    WriteDecode(w, s.Parameters);
                }
                w.WriteLine();
                w.WriteLine("/// <inheritdoc/>");
                using (w.Block("public long ToGridIndex()"))
                {
                    WriteEncode(w, s.Parameters);
                }
                w.WriteLine();
                WriteTextAccess(w, s.Parameters);
                w.WriteLine();
                ArrowRecordGenerator.Emitter.WriteMembers(w, s.ParameterColumns);
            }
        }

        private static void WriteDecode(IndentedWriter w, EquatableArray<ParamSpec> parameters)
        {
            if (parameters.Count == 0)
            {
                w.WriteLine("return default;");
                return;
            }
            // Mixed radix: peel the last (fastest) parameter off first.
            for (int i = parameters.Count - 1; i > 0; i--)
            {
                ParamSpec p = parameters[i];
                string radix = p.Count.ToString(CultureInfo.InvariantCulture);
                w.WriteLine($"long {IndexLocal(p)} = index % {radix};");
                w.WriteLine($"index /= {radix};");
            }
            w.WriteLine($"long {IndexLocal(parameters[0])} = index;");
            string arguments = string.Join(",\n", parameters.Select(p => "    " + Decode(p, IndexLocal(p))));
            w.WriteLine($"return new Parameters(\n{arguments});");
        }

        private static void WriteEncode(IndentedWriter w, EquatableArray<ParamSpec> parameters)
        {
            foreach (ParamSpec p in parameters)
            {
                // this.X: a local of the generated code can never shadow a parameter named like it.
                string value = "this." + p.Name;
                string index = IndexLocal(p);
                switch (p.Values)
                {
                    case BooleanValues:
                        w.WriteLine($"long {index} = {value} ? 1 : 0;");
                        break;
                    case ListValues list:
                        w.WriteLine($"""
                            long {index} = global::System.Array.IndexOf({list.FieldName}, {value});
                            if ({index} < 0) return -1;
                            """);
                        break;
                    case RangeValues range when p.Kind is ParamKind.Int32 or ParamKind.Int64:
                        string steps = p.LocalName + "Steps";
                        w.WriteLine($"""
                            if ({value} < {range.Min} || {value} > {range.Last}) return -1;
                            decimal {steps} = ((decimal){value} - {range.Min}m) / {range.Step}m;
                            if ({steps} != decimal.Truncate({steps})) return -1;
                            long {index} = (long){steps};
                            """);
                        break;
                    case RangeValues range when p.Kind is ParamKind.Double:
                        // Round to the nearest step, then accept only a value the decoder gives back bit for bit.
                        w.WriteLine($"""
                            if (!({value} >= (double){range.Min}m && {value} <= (double){range.Last}m)) return -1;
                            long {index} = (long)decimal.Round(((decimal){value} - {range.Min}m) / {range.Step}m);
                            if ({Decode(p, index)} != {value}) return -1;
                            """);
                        break;
                    case RangeValues range:
                        w.WriteLine($"""
                            if ({value} < {range.Min}m || {value} > {range.Last}m) return -1;
                            long {index} = (long)decimal.Round(({value} - {range.Min}m) / {range.Step}m);
                            if ({Decode(p, index)} != {value}) return -1;
                            """);
                        break;
                }
                w.WriteLine();
            }

            if (parameters.Count == 0)
            {
                w.WriteLine("return 0;");
                return;
            }
            string horner = IndexLocal(parameters[0]);
            for (int i = 1; i < parameters.Count; i++)
            {
                string radix = parameters[i].Count.ToString(CultureInfo.InvariantCulture);
                horner = i == 1 ? $"{horner} * {radix} + {IndexLocal(parameters[i])}" : $"({horner}) * {radix} + {IndexLocal(parameters[i])}";
            }
            w.WriteLine($"return {horner};");
        }

        private static void WriteTextAccess(IndentedWriter w, EquatableArray<ParamSpec> parameters)
        {
            string names = string.Join(", ", parameters.Select(p => Quote(p.PlainName)));
            w.WriteLine($$"""
                /// <inheritdoc/>
                public static global::System.Collections.Generic.IReadOnlyList<string> ParameterNames { get; } = new string[] { {{names}} };

                /// <inheritdoc/>
                """);
            using (w.Block("public string FormatValue(int parameter)"))
            {
                if (parameters.Count > 0)
                {
                    using (w.Block("switch (parameter)"))
                    {
                        for (int i = 0; i < parameters.Count; i++)
                            w.WriteLine($"case {i.ToString(CultureInfo.InvariantCulture)}: return {FormatExpression(parameters[i])};");
                    }
                }
                string range = parameters.Count == 0 ? "The strategy has no parameters." : $"Parameter index must be within 0..{parameters.Count - 1}.";
                w.WriteLine($"throw new global::System.ArgumentOutOfRangeException(nameof(parameter), parameter, \"{range}\");");
            }
            w.WriteLine();
            w.WriteLine("/// <inheritdoc/>");
            using (w.Block("public Parameters WithValue(string name, string text)"))
            {
                foreach (ParamSpec p in parameters)
                {
                    w.WriteLine($"if (string.Equals(name, {Quote(p.PlainName)}, global::System.StringComparison.OrdinalIgnoreCase))");
                    w.WriteLine($"    return this with {{ {p.Name} = {ParseExpression(p)} }};");
                }
                w.WriteLine("throw global::Backtester.Infrastructure.ParameterText.UnknownName(name, ParameterNames);");
            }
        }

        // this.X: the method's own parameter is named 'parameter', and so may a [Param] be.
        private static string FormatExpression(ParamSpec p) => p.Kind switch
        {
            ParamKind.Boolean => $"this.{p.Name} ? \"true\" : \"false\"",
            ParamKind.Enum => $"this.{p.Name}.ToString()",
            ParamKind.Double => $"global::Backtester.Infrastructure.ParameterText.Format(this.{p.Name})",
            _ => $"this.{p.Name}.ToString(global::System.Globalization.CultureInfo.InvariantCulture)",
        };

        private static string ParseExpression(ParamSpec p)
        {
            string name = Quote(p.PlainName);
            return p.Kind switch
            {
                ParamKind.Int32 => $"global::Backtester.Infrastructure.ParameterText.ParseInt32({name}, text)",
                ParamKind.Int64 => $"global::Backtester.Infrastructure.ParameterText.ParseInt64({name}, text)",
                ParamKind.Double => $"global::Backtester.Infrastructure.ParameterText.ParseDouble({name}, text)",
                ParamKind.Decimal => $"global::Backtester.Infrastructure.ParameterText.ParseDecimal({name}, text)",
                ParamKind.Boolean => $"global::Backtester.Infrastructure.ParameterText.ParseBoolean({name}, text)",
                _ => $"global::Backtester.Infrastructure.ParameterText.ParseEnum<{p.TypeName}>({name}, text)",
            };
        }

        private static string Quote(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

        /// <summary>The expression for the value at <paramref name="index"/> of parameter <paramref name="p"/>.</summary>
        private static string Decode(ParamSpec p, string index) => p.Values switch
        {
            BooleanValues => $"{index} != 0",
            ListValues list => $"{list.FieldName}[{index}]",
            RangeValues r when p.Kind == ParamKind.Int32 => $"(int)({r.Min} + {index} * {r.Step})",
            RangeValues { NeedsUnchecked: true } r when p.Kind == ParamKind.Int64 => $"unchecked({r.Min} + {index} * {r.Step})",
            RangeValues r when p.Kind == ParamKind.Int64 => $"{r.Min} + {index} * {r.Step}",
            RangeValues r when p.Kind == ParamKind.Double => $"(double)({r.Min}m + {index} * {r.Step}m)",
            RangeValues r => $"{r.Min}m + {index} * {r.Step}m",
            _ => throw new global::System.ArgumentOutOfRangeException(nameof(p), p.Values, "Unknown parameter values."),
        };

        private static void WriteDriver(IndentedWriter w, StrategySpec s)
        {
            string self = s.FullyQualifiedName;
            w.WriteLine($"""
                /// <summary>
                /// Dispatches engine events to a <see cref="{self}"/> with direct calls. The engine takes it as a struct
                /// type argument, so the JIT specializes the run loop for this strategy; undeclared events are empty methods.
                /// </summary>
                """);
            w.WriteLine(GeneratedFile.GeneratedCode);
            using (w.Block("public struct Driver : global::Backtester.Infrastructure.IStrategyDriver"))
            {
                w.WriteLine($"""
                    // Not readonly: a struct strategy is mutated in place by its handlers.
                    private {self} _strategy;

                    /// <summary>A driver for <paramref name="strategy"/> (a struct strategy is copied into the driver).</summary>
                    public Driver({self} strategy) => _strategy = strategy;

                    /// <summary>The strategy the events go to; for a struct strategy, a copy of its current state.</summary>
                    public readonly {self} Strategy => _strategy;
                    """);
                foreach (EventKind kind in EventKinds.All)
                {
                    w.WriteLine();
                    WriteHandler(w, kind, s.Handlers.FirstOrDefault(h => h.Event == kind.Event));
                }
            }
        }

        private static void WriteHandler(IndentedWriter w, EventKind kind, HandlerSpec? handler)
        {
            string signature = kind.EventTypeName is { } eventType
                ? $"public void {kind.DriverMethod}(in {eventType} {kind.EventParameter}, global::{KnownTypeNames.Orders} orders)"
                : $"public void {kind.DriverMethod}(global::{KnownTypeNames.Orders} orders)";
            w.WriteLine("/// <inheritdoc/>");
            if (handler is null)
            {
                w.WriteLine(signature + " { }");
                return;
            }
            var arguments = new List<string>();
            if (kind.EventTypeName is not null) arguments.Add(handler.PassesEventByIn ? $"in {kind.EventParameter}" : kind.EventParameter);
            if (handler.TakesOrders) arguments.Add("orders");
            w.WriteLine(GeneratedFile.MethodImpl);
            w.WriteLine($"{signature} => _strategy.{handler.MethodName}({string.Join(", ", arguments)});");
        }

        private static string DescribeGrid(StrategySpec s)
        {
            string total = s.GridCount.ToString(CultureInfo.InvariantCulture);
            return s.Parameters.Count switch
            {
                0 => "no [Param] members, so 1 combination",
                1 => total,
                _ => string.Join(" x ", s.Parameters.Select(p => p.Count.ToString(CultureInfo.InvariantCulture))) + " = " + total,
            };
        }

        private static string IndexLocal(ParamSpec p) => p.LocalName + "Index";

    }
}
