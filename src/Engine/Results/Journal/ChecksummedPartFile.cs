using System;
using System.Globalization;
using System.IO;
using System.IO.Hashing;

namespace Backtester.Results;

/// <summary>
/// A journal's part file whose name ends with the XxHash64 of its bytes, <c>{stem}-{checksum:x16}.arrow</c> (decision
/// 0090): written atomically under a temporary name, hashed, and renamed to the name that holds the hash, so a part
/// never exists without it; read back only after its bytes are checked against it. Arrow files carry no checksum of
/// their values, and a part changed after it was written (a flipped bit on disk, an edit, a copy cut short) would
/// otherwise resume as rows that no run produced. Used by the sweep's journal and the sample journal of searches.
/// </summary>
internal static class ChecksummedPartFile
{
    private const int ChecksumDigits = 16;

    /// <summary>Writes <c>{stem}-{checksum}.arrow</c> in <paramref name="folder"/> with <paramref name="write"/>; returns its path.</summary>
    public static string Write(string folder, string stem, Action<Stream> write)
    {
        using var file = new AtomicFile(Path.Combine(folder, $"{stem}-{new string('0', ChecksumDigits)}.arrow"));
        write(file.Stream);
        file.Seal();
        string path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{stem}-{Checksum(file.TemporaryPath, file.Path):x16}.arrow"));
        file.CommitAs(path);
        return path;
    }

    /// <summary>Splits a part's file name into its stem and the checksum it names; false when the name has none.</summary>
    public static bool TryParse(string path, out string stem, out ulong checksum)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        int dash = name.Length - ChecksumDigits - 1;
        checksum = 0;
        stem = "";
        if (dash <= 0 || name[dash] != '-' || !Path.GetExtension(path).Equals(".arrow", StringComparison.Ordinal)
            || !ulong.TryParse(name.AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out checksum))
            return false;
        stem = name[..dash];
        return true;
    }

    /// <summary>Refuses a part whose bytes are not those it was written with (<paramref name="checksum"/>, from its name).</summary>
    /// <exception cref="InvalidDataException">The bytes' checksum differs, or the file cannot be read; the message names it and <paramref name="remedy"/>.</exception>
    public static void Verify(string path, ulong checksum, string remedy)
    {
        ulong actual;
        try
        {
            actual = Hash(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read the journal part: {e.Message} {remedy}", e);
        }
        if (actual != checksum)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: the journal part is damaged: its bytes' checksum is {actual:x16}, its name says {checksum:x16} (the file changed after it was written). {remedy}"));
    }

    private static ulong Checksum(string path, string named)
    {
        try
        {
            return Hash(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultWriteException(named, e);
        }
    }

    private static ulong Hash(string path)
    {
        using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var hash = new XxHash64();
        hash.Append(stream);
        return hash.GetCurrentHashAsUInt64();
    }
}
