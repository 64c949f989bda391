using System;
using System.Buffers;
using Apache.Arrow.Ipc;
using Apache.Arrow.Memory;

namespace Backtester.Data;

/// <summary>
/// The allocator a compressed Arrow market-data file is decompressed with: Apache.Arrow allocates each buffer at the
/// uncompressed size the buffer declares before decompressing it, so a flipped byte in that length would have it allocate
/// up to 2 GiB (and decompress for seconds) before the file is refused. This refuses first, naming the file, any buffer
/// declaring more than <see cref="MaxBytesPerFileByte"/> times the file's size: the same bound as Parquet's
/// (<see cref="MarketDataLimits.MaxParquetRowsPerByte"/> rows per byte of file, 8 bytes per value at most).
/// </summary>
internal sealed class BoundedDecompression(string path, long fileLength) : MemoryAllocator(DefaultAlignment)
{
    /// <summary>Most uncompressed bytes of one buffer per byte of the file: 8 rows per byte × 8 bytes per value.</summary>
    public const int MaxBytesPerFileByte = MarketDataLimits.MaxParquetRowsPerByte * sizeof(double);

    private static readonly NativeMemoryAllocator Inner = new();

    /// <summary>Thrown by <see cref="NoCodecs"/>: the file holds compressed batches.</summary>
    public sealed class CompressedFile() : Exception("The Arrow file is compressed.");

    /// <summary>The codecs of a first, in-place read: a compressed batch throws <see cref="CompressedFile"/> before any of its buffers is allocated.</summary>
    public sealed class NoCodecs : ICompressionCodecFactory
    {
        public static readonly NoCodecs Instance = new();

        public ICompressionCodec CreateCodec(CompressionCodecType compressionCodecType) => throw new CompressedFile();
    }

    private readonly long _limit = fileLength > long.MaxValue / MaxBytesPerFileByte ? long.MaxValue : fileLength * MaxBytesPerFileByte;

    protected override IMemoryOwner<byte> AllocateInternal(int length, out int bytesAllocated)
    {
        if (length > _limit)
            throw new MarketDataException(path, -1, null,
                $"corrupt Arrow IPC file: a compressed buffer declares {length:N0} bytes uncompressed, more than {MaxBytesPerFileByte} × the {fileLength:N0}-byte file (market data never compresses that far)");
        bytesAllocated = length;
        return Inner.Allocate(length);
    }
}
