using System.ComponentModel;
using System;
using System.Collections.Generic;
using Apache.Arrow;
using Backtester.Arrow;

namespace Backtester.Infrastructure;

/// <summary>
/// Assembles a <see cref="PooledRecordBatch"/> from pooled columns, detached in schema order: each column's rented
/// arrays move into the batch, which returns them to the pool when disposed. Generated <c>Columns</c> classes use it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ArrowBatchBuilder
{
    private readonly Schema _schema;
    private readonly int _length;
    private readonly IArrowArray[] _arrays;
    private readonly List<byte[]> _rentals;
    private int _added;

    /// <summary>A builder for a batch of <paramref name="length"/> rows with <paramref name="schema"/>.</summary>
    public ArrowBatchBuilder(Schema schema, int length)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _schema = schema;
        _length = length;
        _arrays = new IArrowArray[schema.FieldsList.Count];
        _rentals = new List<byte[]>(schema.FieldsList.Count * 3);
    }

    /// <summary>Detaches <paramref name="column"/> as the next field, with that field's Arrow type.</summary>
    public void Add<T>(PooledColumn<T> column) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(column);
        Field field = NextField(column.Count);
        _arrays[_added++] = column.Detach(field.DataType, _rentals);
    }

    /// <summary>Detaches <paramref name="column"/> as the next field, a boolean.</summary>
    public void Add(PooledBooleanColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        NextField(column.Count);
        _arrays[_added++] = column.Detach(_rentals);
    }

    /// <summary>Detaches <paramref name="column"/> as the next field, a utf8 string.</summary>
    public void Add(PooledStringColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        NextField(column.Count);
        _arrays[_added++] = column.Detach(_rentals);
    }

    /// <summary>The batch of the added columns; it owns their rented arrays.</summary>
    /// <exception cref="InvalidOperationException">Fewer columns were added than the schema has fields.</exception>
    public PooledRecordBatch Build()
    {
        if (_added != _arrays.Length)
            throw new InvalidOperationException($"The schema has {_arrays.Length} fields but {_added} columns were added.");
        return new PooledRecordBatch(new RecordBatch(_schema, _arrays, _length), _rentals);
    }

    private Field NextField(int count)
    {
        if (_added == _arrays.Length)
            throw new InvalidOperationException($"The schema has {_arrays.Length} fields; no more columns can be added.");
        Field field = _schema.FieldsList[_added];
        if (count != _length)
            throw new ArgumentException($"Column '{field.Name}' has {count} values but the batch has {_length} rows.", "column");
        return field;
    }
}
