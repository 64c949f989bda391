using Apache.Arrow.Ipc;

namespace Backtester.Results;

/// <summary>Maps <see cref="ArrowCompression"/> to Apache.Arrow's IPC writer options.</summary>
internal static class ArrowIpcOptions
{
    /// <summary>The codecs for writing and for reading compressed files.</summary>
    public static readonly Apache.Arrow.Compression.CompressionCodecFactory Codecs = new();

    public static IpcOptions For(ArrowCompression compression) => compression switch
    {
        ArrowCompression.Lz4 => new IpcOptions { CompressionCodecFactory = Codecs, CompressionCodec = CompressionCodecType.Lz4Frame },
        ArrowCompression.Zstd => new IpcOptions { CompressionCodecFactory = Codecs, CompressionCodec = CompressionCodecType.Zstd },
        _ => new IpcOptions(),
    };
}
