using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;

namespace Backtester.Data;

/// <summary>
/// Decompresses a <c>.gz</c> file and, at its end, checks the gzip trailer against what came out: the CRC-32 and the
/// length (mod 2^32) of the decompressed bytes. <see cref="GZipStream"/> alone ends silently when the compressed data
/// stops early (a download cut short), handing out a prefix of the rows and a last value cut mid-number; with this
/// check a truncated file is refused, naming the truncation. A corrupt deflate block or a wrong trailer that zlib
/// detects is reported the same way. Only single-member gzip files are accepted (what gzip, Binance and Tardis write):
/// the trailer covers the last member only, so a file of several concatenated members fails the check.
/// </summary>
internal sealed class CheckedGzipStream : Stream
{
    private readonly string _path;
    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _checked;

    public CheckedGzipStream(string path, FileStream file)
    {
        _path = path;
        _file = file;
        if (file.Length < 18) // 10-byte header, an empty deflate block (2 bytes), 8-byte trailer
            throw new MarketDataException(path, -1, null, $"truncated gzip file: {file.Length} bytes is shorter than any gzip file (18 bytes)");
        Span<byte> header = stackalloc byte[3];
        file.ReadExactly(header);
        file.Position = 0;
        if (header[0] != 0x1f || header[1] != 0x8b || header[2] != 8)
            throw new MarketDataException(path, -1, null, "not a gzip file: it does not start with the gzip magic bytes 1f 8b 08");
        _gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _gzip.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            // zlib's own checks (a bad deflate block, a trailer whose CRC-32 or length disagrees); .NET's message for them is misleading.
            throw new MarketDataException(_path, -1, null, $"corrupt gzip data after {_length:N0} decompressed bytes: a bad compressed block or a trailer checksum that does not match ('gzip -t' checks the file)", e);
        }
        if (read > 0)
        {
            _crc.Append(buffer[..read]);
            _length += read;
        }
        else if (buffer.Length > 0 && !_checked)
        {
            CheckTrailer();
        }
        return read;
    }

    /// <summary>The last 8 bytes of a gzip file are the CRC-32 and the length mod 2^32 of the data, little-endian.</summary>
    private void CheckTrailer()
    {
        _checked = true;
        Span<byte> trailer = stackalloc byte[8];
        _file.Position = _file.Length - 8;
        _file.ReadExactly(trailer);
        uint expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        uint expectedLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        uint crc = _crc.GetCurrentHashAsUInt32();
        if (crc != expectedCrc || (uint)_length != expectedLength)
            throw new MarketDataException(_path, -1, null,
                $"truncated or corrupt gzip file: the data ends after {_length:N0} decompressed bytes (CRC-32 {crc:x8}), and the file's last 8 bytes, "
                + $"read as the gzip trailer, say {expectedLength:N0} bytes mod 2^32 (CRC-32 {expectedCrc:x8}): a file cut short ends in compressed data, not in a trailer, "
                + "so was the download cut short? ('gzip -t' checks the file; "
                + "a file of several concatenated gzip members is not supported: recompress it as one)");
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }
}
