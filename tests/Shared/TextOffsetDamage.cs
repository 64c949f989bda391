using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Backtester.Testing;

/// <summary>The offsets buffer of one utf8 column of one record batch, where it lies in an uncompressed Arrow IPC file.</summary>
/// <param name="Column">The column's name.</param>
/// <param name="At">The file position of its first offset.</param>
/// <param name="Offsets">How many int32 offsets it holds (rows + 1).</param>
/// <param name="ValueBytes">The length of the column's value buffer.</param>
public sealed record TextOffsets(string Column, int At, int Offsets, int ValueBytes);

/// <summary>
/// The fuzz tests' damage to the offsets of an Arrow file's utf8 columns: the values Apache.Arrow's
/// <c>StringArray.GetString</c> trusts. Linked into each test project that fuzzes a reader of text columns.
/// </summary>
public static class TextOffsetDamage
{
    /// <summary>
    /// Every utf8 column's offsets buffer in <paramref name="path"/>, found by content (the offsets as Apache.Arrow reads
    /// them, searched for in the file's bytes after the previous one): the engine writes uncompressed files by default.
    /// </summary>
    public static List<TextOffsets> Find(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        var found = new List<TextOffsets>();
        int from = 0;
        using var reader = new ArrowFileReader(new MemoryStream(file));
        while (reader.ReadNextRecordBatch() is { } batch)
            using (batch)
                for (int c = 0; c < batch.ColumnCount; c++)
                {
                    if (batch.Column(c) is not StringArray { Length: > 0 } text) continue;
                    ReadOnlySpan<byte> offsets = MemoryMarshal.AsBytes(text.ValueOffsets);
                    int at = file.AsSpan(from).IndexOf(offsets);
                    if (at < 0) throw new InvalidOperationException($"{path}: the offsets of column '{batch.Schema.FieldsList[c].Name}' are not in the file's bytes (compressed?)");
                    found.Add(new TextOffsets(batch.Schema.FieldsList[c].Name, from + at, text.Length + 1, text.Values.Length));
                    from += at + offsets.Length;
                }
        return found;
    }

    /// <summary>
    /// A copy of <paramref name="original"/> with one offset of <paramref name="target"/> changed: far past the value
    /// buffer (where GetString read unmapped memory), just past it (where it read the bytes beyond), negative, lower than
    /// the offset before it, or any int. <paramref name="what"/> says which, for the failure message.
    /// </summary>
    public static byte[] Apply(byte[] original, TextOffsets target, Random random, out string what)
    {
        byte[] bytes = (byte[])original.Clone();
        int index = random.Next(target.Offsets);
        Span<byte> slot = bytes.AsSpan(target.At + index * sizeof(int), sizeof(int));
        int before = BitConverter.ToInt32(slot);
        int value = random.Next(5) switch
        {
            0 => random.Next(2) == 0 ? int.MaxValue : 0x3FFF_FFF0 + random.Next(16),
            1 => target.ValueBytes + random.Next(1, 256),
            2 => -random.Next(1, int.MaxValue),
            3 => index == 0 ? -1 : BitConverter.ToInt32(bytes, target.At + (index - 1) * sizeof(int)) - random.Next(1, 8),
            _ => random.Next(int.MinValue, int.MaxValue),
        };
        BitConverter.TryWriteBytes(slot, value);
        what = $"column '{target.Column}' offset {index} (file byte {target.At + index * sizeof(int)}) {before} -> {value}";
        return bytes;
    }
}
