using System;
using System.IO;
using System.Runtime.InteropServices;
using Apache.Arrow;

namespace Backtester.Results;

/// <summary>
/// Checks, once per batch, that every utf8 column's offsets lie inside its value buffer and never decrease, so that batches
/// handed to a caller can be read with Apache.Arrow's <see cref="StringArray.GetString(int, System.Text.Encoding)"/>,
/// which does not check them (decision 0104): an offset past the buffer of a damaged file reads outside it, and far past
/// it ends the process. O(rows) per text column, no allocation.
/// </summary>
internal static class TextColumnOffsets
{
    /// <exception cref="InvalidDataException">A text column's offsets are wrong; the message names the file, the column and the row.</exception>
    public static void Check(RecordBatch batch, string path)
    {
        for (int c = 0; c < batch.ColumnCount; c++)
        {
            if (batch.Column(c) is not StringArray text) continue;
            string column = batch.Schema.GetFieldByIndex(c).Name;
            ReadOnlySpan<int> offsets = MemoryMarshal.Cast<byte, int>(text.ValueOffsetsBuffer.Span);
            if (text.Length == 0) continue;
            if (offsets.Length < text.Offset + text.Length + 1)
                throw new InvalidDataException($"{path}: column '{column}': its offsets buffer holds {offsets.Length} offsets, too few for {text.Length} rows (a damaged file)");
            int values = text.Values.Length;
            for (int row = 0; row < text.Length; row++)
            {
                int start = offsets[text.Offset + row], end = offsets[text.Offset + row + 1];
                if (start < 0 || end < start || end > values)
                    throw new InvalidDataException($"{path}: column '{column}', row {row}: its text would be bytes {start}..{end} of a {values}-byte value buffer (a damaged file: the offsets are wrong)");
            }
        }
    }
}
