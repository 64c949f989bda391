using System;
using System.IO;

namespace Backtester.Results;

/// <summary>
/// Opens a result file written as Parquet for reading, after checking that it is one and is whole: it starts and ends
/// with the magic <c>PAR1</c>. A file cut short gets an error naming the file and saying so, rather than Parquet.Net's
/// "not a parquet file, head: 50415231, tail: …". (Market-data Parquet files have their own check, which also reads the
/// footer: <c>ParquetFooter</c>.)
/// </summary>
internal static class ParquetResultFile
{
    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    /// <summary>The file at <paramref name="path"/>, positioned at its start.</summary>
    /// <exception cref="InvalidDataException">It is not a Parquet file, or it is truncated (the message names the file).</exception>
    public static FileStream OpenRead(string path)
    {
        FileStream stream = File.OpenRead(path);
        try
        {
            Span<byte> head = stackalloc byte[4], tail = stackalloc byte[4];
            const int Smallest = 4 + 4 + 4; // magic, footer length, magic
            if (stream.Length < Smallest || stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4 || !head.SequenceEqual(Magic))
                throw new InvalidDataException($"{path}: not a Parquet file: it does not start with 'PAR1'");
            stream.Position = stream.Length - 4;
            if (stream.ReadAtLeast(tail, 4, throwOnEndOfStream: false) < 4 || !tail.SequenceEqual(Magic))
                throw new InvalidDataException($"{path}: truncated Parquet file: it does not end with 'PAR1' (was it cut short while being written?)");
            stream.Position = 0;
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
