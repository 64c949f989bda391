using System;

namespace Backtester;

/// <summary>How result tables are written as Arrow IPC files.</summary>
public sealed record ArrowFileOptions
{
    /// <summary>The defaults: uncompressed, batches of 65,536 rows.</summary>
    public static ArrowFileOptions Default { get; } = new();

    /// <summary>Buffer compression. Default <see cref="ArrowCompression.None"/>.</summary>
    public ArrowCompression Compression { get; init; } = ArrowCompression.None;

    /// <summary>
    /// Rows per record batch. A writer appends rows into pooled columns and writes a batch each time this many have
    /// accumulated, so memory stays bounded however many rows a table has. Default 65,536.
    /// </summary>
    public int BatchSize { get; init; } = 65_536;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (BatchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be positive.");
        if (!Enum.IsDefined(Compression))
            throw new ArgumentOutOfRangeException(nameof(Compression), Compression, "Unknown compression.");
    }
}
