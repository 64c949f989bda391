using System;

namespace Backtester.Testing;

/// <summary>How a fuzz case changes a file's bytes.</summary>
public enum ByteMutation
{
    /// <summary>One byte xor a random non-zero mask.</summary>
    Flip,
    /// <summary>The file cut to a random shorter length.</summary>
    Truncate,
    /// <summary>Up to 64 bytes removed at a random place and up to 64 bytes copied from elsewhere in the file put there.</summary>
    Splice,
}

/// <summary>The fuzz tests' seeded mutations of a file's bytes. Linked into each test project that fuzzes a reader.</summary>
public static class ByteMutations
{
    /// <summary>A mutated copy of <paramref name="original"/>; <paramref name="what"/> says what changed, for the failure message.</summary>
    public static byte[] Apply(byte[] original, ByteMutation mutation, Random random, out string what)
    {
        switch (mutation)
        {
            case ByteMutation.Flip:
            {
                byte[] bytes = (byte[])original.Clone();
                int at = random.Next(bytes.Length);
                byte mask = (byte)random.Next(1, 256);
                bytes[at] ^= mask;
                what = $"byte {at} xor 0x{mask:x2}";
                return bytes;
            }
            case ByteMutation.Truncate:
            {
                int length = random.Next(original.Length);
                what = $"cut to {length} bytes";
                return original.AsSpan(0, length).ToArray();
            }
            default:
            {
                // Remove [from, from + removed) and insert a copy of [source, source + inserted) there.
                int from = random.Next(original.Length), removed = random.Next(Math.Min(64, original.Length - from) + 1);
                int source = random.Next(original.Length), inserted = random.Next(Math.Min(64, original.Length - source) + 1);
                what = $"splice at {from}: -{removed} +{inserted} from {source}";
                var bytes = new byte[original.Length - removed + inserted];
                original.AsSpan(0, from).CopyTo(bytes);
                original.AsSpan(source, inserted).CopyTo(bytes.AsSpan(from));
                original.AsSpan(from + removed).CopyTo(bytes.AsSpan(from + inserted));
                return bytes;
            }
        }
    }
}
