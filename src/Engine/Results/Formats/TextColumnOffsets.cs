using System.IO;
using Apache.Arrow;
using Backtester.Infrastructure;

namespace Backtester.Results;

/// <summary>
/// Checks, once per batch, that every utf8 column's offsets lie inside its value buffer and never decrease
/// (<see cref="ArrowText.CheckOffsets"/>), so that batches handed to a caller can be read with Apache.Arrow's
/// <see cref="StringArray.GetString(int, System.Text.Encoding)"/>, which does not check them (decision 0104).
/// </summary>
internal static class TextColumnOffsets
{
    /// <exception cref="InvalidDataException">A text column's offsets are wrong; the message names the file, the column and the row.</exception>
    public static void Check(RecordBatch batch, string path)
    {
        for (int c = 0; c < batch.ColumnCount; c++)
        {
            if (batch.Column(c) is not StringArray text) continue;
            try
            {
                ArrowText.CheckOffsets(text, batch.Schema.GetFieldByIndex(c).Name);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path}: {e.Message}", e);
            }
        }
    }
}
