using System.Collections.Generic;
using System.IO;
using Parquet;
using Parquet.Meta;

namespace Backtester.Cli.Data;

/// <summary>One leaf column of a Parquet file as its footer declares it.</summary>
/// <param name="Name">The column's name (a dotted path for a column nested in a group).</param>
/// <param name="PhysicalType">The Parquet physical type: <c>INT32</c>, <c>INT64</c>, <c>DOUBLE</c>, <c>BYTE_ARRAY</c>, ...</param>
/// <param name="LogicalType">Its logical type annotation as the format spells it (<c>STRING</c>, <c>INT(8, signed)</c>, <c>TIMESTAMP(NANOS, UTC)</c>), or null.</param>
/// <param name="ConvertedType">Its legacy converted type (<c>UTF8</c>, <c>INT_8</c>), which older writers (DuckDB's among them) write instead, or null.</param>
/// <param name="Nullable">True for an <c>OPTIONAL</c> column.</param>
internal sealed record ParquetColumn(string Name, string PhysicalType, string? LogicalType, string? ConvertedType, bool Nullable)
{
    /// <summary>
    /// The type as one line: <c>INT32 (INT(8, signed))</c>, the converted type in the brackets when there is no logical
    /// type (<c>INT32 (INT_8)</c>), and <c>, nullable</c> for an optional column.
    /// </summary>
    public string Type => PhysicalType + ((LogicalType ?? ConvertedType) is { } a ? $" ({a})" : "") + (Nullable ? ", nullable" : "");
}

/// <summary>
/// A Parquet file's own schema, row count and row groups, read from its footer as the file declares them (not the
/// columns the reader makes of them). Called after the market data reader has read the file, so the footer has been
/// checked (docs/data.md, "Parquet") before Parquet.Net decodes it here.
/// </summary>
internal sealed record ParquetFileSchema(IReadOnlyList<ParquetColumn> Columns, long Rows, int RowGroups)
{
    public static ParquetFileSchema Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        ParquetReader reader = ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true).GetAwaiter().GetResult();
        try
        {
            FileMetaData metadata = reader.Metadata ?? throw new InvalidDataException($"'{path}' has no Parquet file metadata");
            var columns = new List<ParquetColumn>();
            int at = 1; // element 0 is the schema's root group
            while (at < metadata.Schema.Count) Walk(metadata.Schema, ref at, prefix: "", columns);
            return new ParquetFileSchema(columns, metadata.NumRows, reader.RowGroupCount);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The schema is a depth-first list: a group is followed by its <c>num_children</c> children.</summary>
    private static void Walk(List<SchemaElement> elements, ref int at, string prefix, List<ParquetColumn> columns)
    {
        SchemaElement element = elements[at++];
        string name = prefix + element.Name;
        if (element.NumChildren is > 0 and int children)
        {
            for (int i = 0; i < children && at < elements.Count; i++) Walk(elements, ref at, name + ".", columns);
            return;
        }
        columns.Add(new ParquetColumn(name, element.Type?.ToString() ?? "none", LogicalTypeOf(element.LogicalType), element.ConvertedType?.ToString(),
            element.RepetitionType == FieldRepetitionType.OPTIONAL));
    }

    /// <summary>The logical type as the Parquet format spells it, or null.</summary>
    private static string? LogicalTypeOf(LogicalType? l)
    {
        if (l is not null)
        {
            if (l.STRING is not null) return "STRING";
            if (l.INTEGER is { } i) return $"INT({i.BitWidth}, {(i.IsSigned ? "signed" : "unsigned")})";
            if (l.TIMESTAMP is { } t) return $"TIMESTAMP({UnitOf(t.Unit)}, {(t.IsAdjustedToUTC ? "UTC" : "local")})";
            if (l.TIME is { } time) return $"TIME({UnitOf(time.Unit)}, {(time.IsAdjustedToUTC ? "UTC" : "local")})";
            if (l.DECIMAL is { } d) return $"DECIMAL({d.Precision}, {d.Scale})";
            if (l.DATE is not null) return "DATE";
            if (l.ENUM is not null) return "ENUM";
            if (l.JSON is not null) return "JSON";
            if (l.BSON is not null) return "BSON";
            if (l.UUID is not null) return "UUID";
            if (l.FLOAT16 is not null) return "FLOAT16";
            if (l.LIST is not null) return "LIST";
            if (l.MAP is not null) return "MAP";
            if (l.UNKNOWN is not null) return "UNKNOWN";
        }
        return null;
    }

    private static string UnitOf(TimeUnit unit) => unit.NANOS is not null ? "NANOS" : unit.MICROS is not null ? "MICROS" : "MILLIS";
}
