using System;
using System.IO;

namespace Backtester.Results;

/// <summary>
/// Opens a result file written as Arrow IPC for reading, after checking that it is one and is whole: it starts and ends
/// with the magic <c>ARROW1</c>. A file cut short while being written (a killed process, a full disk, a partial copy)
/// then gets an error naming the file and saying so, rather than Apache.Arrow's "Invalid magic at offset &lt;n&gt;"; and its
/// flatbuffer metadata is bounds-checked (<see cref="Data.ArrowMetadataBounds"/>).
/// </summary>
internal static class ArrowIpcFile
{
    private static ReadOnlySpan<byte> Magic => "ARROW1"u8;

    /// <summary>The file at <paramref name="path"/>, positioned at its start.</summary>
    /// <exception cref="InvalidDataException">It is not an Arrow IPC file, or it is truncated (the message names the file).</exception>
    public static FileStream OpenRead(string path)
    {
        FileStream stream = File.OpenRead(path);
        try
        {
            Span<byte> head = stackalloc byte[6], tail = stackalloc byte[6];
            const int Smallest = 6 + 2 + 4 + 6; // magic, padding, footer length, magic
            if (stream.Length < Smallest || stream.ReadAtLeast(head, 6, throwOnEndOfStream: false) < 6 || !head.SequenceEqual(Magic))
                throw new InvalidDataException($"{path}: not an Arrow IPC file: it does not start with 'ARROW1'");
            stream.Position = stream.Length - 6;
            if (stream.ReadAtLeast(tail, 6, throwOnEndOfStream: false) < 6 || !tail.SequenceEqual(Magic))
                throw new InvalidDataException($"{path}: truncated Arrow IPC file: it does not end with the 'ARROW1' footer magic (was it cut short while being written?)");
            // The flatbuffers' vectors, before Apache.Arrow sizes arrays by them (decision 0094): a damaged shard made it
            // allocate gigabytes and take seconds before refusing it.
            try
            {
                Data.ArrowMetadataBounds.CheckFile(path, stream);
            }
            catch (MarketDataException e)
            {
                throw new InvalidDataException($"{path}: {e.Problem}", e);
            }
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
