namespace Backtester;

/// <summary>Compression of the buffers in an Arrow IPC file. Readers such as polars and pyarrow handle all three.</summary>
public enum ArrowCompression
{
    /// <summary>Uncompressed (the default): the file can be memory-mapped and read without copying.</summary>
    None = 0,

    /// <summary>LZ4 frame compression: fast, moderate ratio.</summary>
    Lz4 = 1,

    /// <summary>Zstandard compression: slower, better ratio.</summary>
    Zstd = 2,
}
