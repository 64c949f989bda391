using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;

namespace Backtester.Infrastructure;

/// <summary>
/// Reads the text of a row of an Arrow utf8 column with the row's offsets checked against the column's value buffer.
/// Every reader of a file someone hands us decodes strings through it: the generated <c>ReadRow</c> of an
/// <c>[ArrowRecord]</c>, the engine's result readers and the command line's reports (decision 0104).
/// </summary>
/// <remarks>
/// Apache.Arrow 23's <see cref="StringArray.GetString(int, Encoding)"/> decodes from a pointer to the value buffer plus
/// the row's start offset without comparing the offsets with the buffer's length. In a damaged file an offset past the
/// buffer reads whatever lies beyond it, and far past it an unmapped page: an <see cref="AccessViolationException"/>,
/// which no <c>catch</c> stops and which ends the process. <see cref="BinaryArray.GetBytes(int)"/> slices a span, which
/// is checked, but throws an <see cref="ArgumentOutOfRangeException"/> that says nothing of the data; this says which
/// column and row, and what the offsets were.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ArrowText
{
    /// <summary>
    /// The text of <paramref name="row"/> of <paramref name="array"/>, the column named <paramref name="column"/> (for
    /// the message); null for a null. Allocates nothing but the string.
    /// </summary>
    /// <exception cref="InvalidDataException">The row's offsets are missing, lie outside the value buffer or decrease (a damaged file).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is not a row of <paramref name="array"/>.</exception>
    public static string? Read(StringArray array, int row, string column)
    {
        ArgumentNullException.ThrowIfNull(array);
        if ((uint)row >= (uint)array.Length)
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Column '{column}' has {array.Length} rows.");
        if (array.IsNull(row)) return null;
        ReadOnlySpan<int> offsets = MemoryMarshal.Cast<byte, int>(array.ValueOffsetsBuffer.Span);
        int at = array.Offset + row;
        if (at >= offsets.Length - 1)
            throw new InvalidDataException($"column '{column}', row {row}: its offsets buffer holds {offsets.Length} offsets, too few for {array.Length} rows (a damaged file)");
        ReadOnlySpan<byte> values = array.Values;
        (int start, int end) = Range(offsets, at, values.Length, column, row);
        return Encoding.UTF8.GetString(values[start..end]);
    }

    /// <summary>
    /// Checks every row's offsets of <paramref name="array"/> (the column <paramref name="column"/>) as <see cref="Read"/>
    /// does, without decoding: afterwards Apache.Arrow's own <see cref="StringArray.GetString(int, Encoding)"/> stays
    /// inside the buffer. O(rows), no allocation.
    /// </summary>
    /// <exception cref="InvalidDataException">A row's offsets are missing, lie outside the value buffer or decrease.</exception>
    public static void CheckOffsets(StringArray array, string column)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length == 0) return;
        ReadOnlySpan<int> offsets = MemoryMarshal.Cast<byte, int>(array.ValueOffsetsBuffer.Span);
        if (offsets.Length < array.Offset + array.Length + 1)
            throw new InvalidDataException($"column '{column}': its offsets buffer holds {offsets.Length} offsets, too few for {array.Length} rows (a damaged file)");
        int values = array.Values.Length;
        for (int row = 0; row < array.Length; row++) Range(offsets, array.Offset + row, values, column, row);
    }

    /// <summary>The bytes of the row at <paramref name="at"/> in <paramref name="offsets"/>, checked against a buffer of <paramref name="values"/> bytes.</summary>
    private static (int Start, int End) Range(ReadOnlySpan<int> offsets, int at, int values, string column, int row)
    {
        int start = offsets[at], end = offsets[at + 1];
        if (start < 0 || end < start || end > values)
            throw new InvalidDataException($"column '{column}', row {row}: its text would be bytes {start}..{end} of a {values}-byte value buffer (a damaged file: the offsets are wrong)");
        return (start, end);
    }

    /// <summary>
    /// The member of <typeparamref name="TEnum"/> that <paramref name="row"/> of <paramref name="array"/> names (the column
    /// <paramref name="column"/>, as the generated writers store enum names), read as <see cref="Read"/> does.
    /// </summary>
    /// <exception cref="InvalidDataException">The cell is null, names no member of <typeparamref name="TEnum"/>, or its offsets are wrong (a damaged or foreign file).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is not a row of <paramref name="array"/>.</exception>
    public static TEnum ReadEnum<TEnum>(StringArray array, int row, string column)
        where TEnum : struct, Enum
    {
        string text = Read(array, row, column)
            ?? throw new InvalidDataException($"column '{column}', row {row}: null where a {typeof(TEnum).Name} name is stored");
        // What the writer's ToString() gives, read as Enum.Parse did: a name, names of flags, or the number of an unnamed value.
        if (!Enum.TryParse(text, ignoreCase: false, out TEnum value))
            throw new InvalidDataException($"column '{column}', row {row}: '{text}' is not a {typeof(TEnum).Name} (one of {string.Join(", ", Enum.GetNames<TEnum>())})");
        return value;
    }
}
