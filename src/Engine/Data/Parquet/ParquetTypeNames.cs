using System;
using Parquet;
using Parquet.Meta;

namespace Backtester.Data;

/// <summary>
/// Parquet types as the format names them (<c>INT64</c>, <c>INT32 annotated INT(8, signed)</c>), for error messages:
/// what a column must be, and what the file's footer says it is (a user reads these in DuckDB's or pyarrow's schema,
/// not the .NET types Parquet.Net decodes them to).
/// </summary>
internal static class ParquetTypeNames
{
    /// <summary>The Parquet type our files use for a column decoded as <paramref name="clr"/>.</summary>
    public static string Expected(System.Type clr) =>
        clr == typeof(long) ? "INT64"
        : clr == typeof(double) ? "DOUBLE"
        : clr == typeof(sbyte) ? "INT32 annotated INT(8, signed)"
        : clr == typeof(byte) ? "INT32 annotated INT(8, unsigned)"
        : clr == typeof(string) ? "BYTE_ARRAY annotated STRING"
        : clr.Name;

    /// <summary>The type the file's footer declares for the top-level column <paramref name="name"/>, or null if it has none.</summary>
    public static string? Declared(ParquetReader reader, string name)
    {
        if (reader.Metadata?.Schema is not { } schema) return null;
        foreach (SchemaElement e in schema)
        {
            if (e.Name != name || e.NumChildren > 0) continue;
            string? annotation = e.LogicalType switch
            {
                { INTEGER: { } i } => $"INT({i.BitWidth}, {(i.IsSigned ? "signed" : "unsigned")})",
                { TIMESTAMP: { } t } => $"TIMESTAMP({(t.Unit.NANOS is not null ? "NANOS" : t.Unit.MICROS is not null ? "MICROS" : "MILLIS")}, {(t.IsAdjustedToUTC ? "UTC" : "local")})",
                { STRING: not null } => "STRING",
                _ => e.ConvertedType?.ToString(),
            };
            return e.Type + (annotation is null ? "" : $" annotated {annotation}");
        }
        return null;
    }
}
