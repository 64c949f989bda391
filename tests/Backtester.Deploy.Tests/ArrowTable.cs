using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Backtester.Deploy.Tests;

/// <summary>An Arrow IPC file read whole with Apache.Arrow: its fields and each column's values (nulls as null).</summary>
internal sealed record ArrowTable(IReadOnlyList<Field> Fields, IReadOnlyDictionary<string, List<object?>> Columns)
{
    public int Rows => Columns.Count == 0 ? 0 : Columns.Values.First().Count;

    public static ArrowTable Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        var fields = reader.Schema.FieldsList;
        var columns = fields.ToDictionary(f => f.Name, _ => new List<object?>());
        while (reader.ReadNextRecordBatch() is { } batch)
            using (batch)
                for (int c = 0; c < fields.Count; c++)
                    for (int i = 0; i < batch.Length; i++)
                        columns[fields[c].Name].Add(Value(batch.Column(c), i, fields[c]));
        return new ArrowTable(fields, columns);
    }

    // Every type a sweep table has (docs/sweeps.md); anything else fails rather than compares equal by accident.
    private static object? Value(IArrowArray column, int row, Field field) => column.IsNull(row) ? null : column switch
    {
        Int64Array a => a.GetValue(row),
        Int32Array a => a.GetValue(row),
        DoubleArray a => a.GetValue(row),
        BooleanArray a => a.GetValue(row),
        StringArray a => a.GetString(row),
        _ => throw new NotSupportedException($"column '{field.Name}' has type {field.DataType.Name}, which this reader does not compare"),
    };
}
