using System.Linq;
using Backtester.Generators.Models;
using Microsoft.CodeAnalysis.CSharp;

namespace Backtester.Generators;

public sealed partial class ArrowRecordGenerator
{
    /// <summary>Model in, text out: the partial record struct with its Arrow schema and Columns class.</summary>
    internal static class Emitter
    {
        public static string Emit(ArrowRecordSpec record) => GeneratedFile.Write(record.Namespace, w => WriteRecord(w, record));

        private static void WriteRecord(IndentedWriter w, ArrowRecordSpec r)
        {
            string self = r.FullyQualifiedName;
            string modifiers = r.IsReadOnly ? "readonly partial record struct" : "partial record struct";
            using (w.Block($"{modifiers} {r.TypeName} : global::Backtester.Arrow.IArrowRecord<{self}>"))
            {
                WriteMembers(w, r);
            }
        }

        /// <summary>
        /// The members implementing <c>IArrowRecord</c>: the schema, <c>CreateColumns</c> and the <c>Columns</c> class.
        /// The strategy generator calls this inside each strategy's <c>Parameters</c>.
        /// </summary>
        internal static void WriteMembers(IndentedWriter w, ArrowRecordSpec r)
        {
            string self = r.FullyQualifiedName;
            w.WriteLine($"/// <summary>The Arrow schema of a table of <see cref=\"{self}\"/> records: {DescribeColumns(r)}.</summary>");
            if (r.Fields.Count == 0)
            {
                w.WriteLine("public static global::Apache.Arrow.Schema ArrowSchema { get; } = new global::Apache.Arrow.Schema.Builder().Build();");
            }
            else
            {
                w.WriteLine("public static global::Apache.Arrow.Schema ArrowSchema { get; } = new global::Apache.Arrow.Schema.Builder()");
                foreach (ArrowFieldSpec f in r.Fields) w.WriteLine("    " + SchemaField(f));
                w.WriteLine("    .Build();");
            }
            w.WriteLine($"""

                /// <summary>The name of a table of these records: a run writes them to <c>{r.TableName}.arrow</c>.</summary>
                public static string TableName => {SymbolDisplay.FormatLiteral(r.TableName, quote: true)};

                /// <summary>A new, empty column set for <see cref="{self}"/> records.</summary>
                public static global::Backtester.Arrow.IArrowColumns<{self}> CreateColumns() => new Columns();

                """);
            if (r.Readable) WriteReadRow(w, r);
            WriteColumns(w, r);
        }

        private static void WriteColumns(IndentedWriter w, ArrowRecordSpec r)
        {
            string self = r.FullyQualifiedName;
            w.WriteLine($"""
                /// <summary>
                /// Pooled Arrow column buffers for <see cref="{self}"/> records, one per field. Not thread-safe; dispose it
                /// to return the buffers to the pool.
                /// </summary>
                """);
            w.WriteLine(GeneratedFile.GeneratedCode);
            using (w.Block($"public sealed class Columns : global::Backtester.Arrow.IArrowColumns<{self}>"))
            {
                foreach (ArrowFieldSpec f in r.Fields)
                    w.WriteLine($"private readonly {ColumnType(f)} {f.FieldName} = new();");
                w.WriteLine($$"""
                    private int _count;

                    /// <inheritdoc/>
                    public global::Apache.Arrow.Schema Schema => ArrowSchema;

                    /// <inheritdoc/>
                    public int Count => _count;

                    /// <inheritdoc/>
                    """);
                w.WriteLine(GeneratedFile.MethodImpl);
                using (w.Block($"public void Append(in {self} record)"))
                {
                    foreach (ArrowFieldSpec f in r.Fields)
                    {
                        string value = f.Conversion switch
                        {
                            AppendConversion.EnumName => $"record.{f.MemberName}.ToString()",
                            AppendConversion.Cast => $"({f.ValueType})record.{f.MemberName}",
                            _ when f.IsEnum => $"({f.ValueType})record.{f.MemberName}",
                            _ => $"record.{f.MemberName}",
                        };
                        w.WriteLine($"{f.FieldName}.Append({value});");
                    }
                    w.WriteLine("_count++;");
                }
                w.WriteLine();
                w.WriteLine("/// <inheritdoc/>");
                using (w.Block("public global::Backtester.Arrow.PooledRecordBatch ToRecordBatch()"))
                {
                    w.WriteLine("var batch = new global::Backtester.Infrastructure.ArrowBatchBuilder(ArrowSchema, _count);");
                    foreach (ArrowFieldSpec f in r.Fields) w.WriteLine($"batch.Add({f.FieldName});");
                    w.WriteLine("_count = 0;");
                    w.WriteLine("return batch.Build();");
                }
                WriteForEachColumn(w, r, "Clear", "Forgets the appended records, keeping the buffers for reuse.");
                WriteForEachColumn(w, r, "Dispose", "Returns the buffers to the pool.");
            }
        }

        private static void WriteReadRow(IndentedWriter w, ArrowRecordSpec r)
        {
            string self = r.FullyQualifiedName;
            w.WriteLine($"""
                /// <summary>
                /// Rebuilds the record at <paramref name="row"/> of <paramref name="batch"/>, a batch with this record's columns
                /// (matched by name, so a batch with more columns, such as a sweep table, works too).
                /// </summary>
                """);
            if (r.Fields.Any(f => f.Kind == ArrowFieldKind.Utf8))
                w.WriteLine("/// <exception cref=\"global::System.IO.InvalidDataException\">A text column's offsets are damaged (the message names the column and row).</exception>");
            using (w.Block($"public static {self} ReadRow(global::Apache.Arrow.RecordBatch batch, int row)"))
            {
                if (r.Fields.Count == 0)
                {
                    w.WriteLine("return default;");
                }
                else if (r.IsPositional)
                {
                    w.WriteLine($"return new {self}(");
                    for (int i = 0; i < r.Fields.Count; i++)
                        w.WriteLine($"    {ReadExpression(r.Fields[i])}{(i + 1 < r.Fields.Count ? "," : ");")}");
                }
                else
                {
                    w.WriteLine($"return new {self}");
                    w.WriteLine("{");
                    foreach (ArrowFieldSpec f in r.Fields) w.WriteLine($"    {f.MemberName} = {ReadExpression(f)},");
                    w.WriteLine("};");
                }
            }
            w.WriteLine();
        }

        private static string ReadExpression(ArrowFieldSpec f)
        {
            string name = SymbolDisplay.FormatLiteral(f.ColumnName, quote: true);
            string column = $"batch.Column({name})";
            string Typed(string arrayType) => $"(({arrayType}){column})";
            // Text through ArrowText, which checks the row's offsets: StringArray.GetString does not (decision 0104).
            string text = $"global::Backtester.Infrastructure.ArrowText.Read(({ArrowTypes.Of(ArrowFieldKind.Utf8).ArrayType}){column}, row, {name})";
            return f.Kind switch
            {
                ArrowFieldKind.Utf8 when f.Conversion == AppendConversion.EnumName =>
                    $"global::Backtester.Infrastructure.ArrowText.ReadEnum<{f.MemberType}>(({ArrowTypes.Of(ArrowFieldKind.Utf8).ArrayType}){column}, row, {name})",
                ArrowFieldKind.Utf8 => text,
                ArrowFieldKind.Boolean => $"{Typed(ArrowTypes.Of(ArrowFieldKind.Boolean).ArrayType)}.GetValue(row).GetValueOrDefault()",
                _ when f.IsEnum || f.Conversion == AppendConversion.Cast =>
                    $"({f.MemberType}){Typed(ArrowTypes.Of(f.Kind).ArrayType)}.GetValue(row).GetValueOrDefault()",
                _ => $"{Typed(ArrowTypes.Of(f.Kind).ArrayType)}.GetValue(row).GetValueOrDefault()",
            };
        }

        private static void WriteForEachColumn(IndentedWriter w, ArrowRecordSpec r, string method, string summary)
        {
            w.WriteLine();
            w.WriteLine($"/// <summary>{summary}</summary>");
            using (w.Block($"public void {method}()"))
            {
                foreach (ArrowFieldSpec f in r.Fields) w.WriteLine($"{f.FieldName}.{method}();");
                w.WriteLine("_count = 0;");
            }
        }

        private static string SchemaField(ArrowFieldSpec f)
        {
            string name = SymbolDisplay.FormatLiteral(f.ColumnName, quote: true);
            string nullable = f.Kind == ArrowFieldKind.Utf8 ? "true" : "false";
            string metadata = f.IsEnum
                ? $", new global::System.Collections.Generic.Dictionary<string, string> {{ [\"backtester.enum\"] = {SymbolDisplay.FormatLiteral(f.EnumMembers, quote: true)} }}"
                : "";
            return $".Field(new global::Apache.Arrow.Field({name}, {ArrowTypes.Of(f.Kind).DataType}, nullable: {nullable}{metadata}))";
        }

        private static string ColumnType(ArrowFieldSpec f) => f.Kind switch
        {
            ArrowFieldKind.Boolean => "global::Backtester.Infrastructure.PooledBooleanColumn",
            ArrowFieldKind.Utf8 => "global::Backtester.Infrastructure.PooledStringColumn",
            _ => $"global::Backtester.Infrastructure.PooledColumn<{f.ValueType}>",
        };

        private static string DescribeColumns(ArrowRecordSpec r) =>
            r.Fields.Count == 0 ? "no columns" : string.Join(", ", r.Fields.Select(f => f.ColumnName));
    }
}
