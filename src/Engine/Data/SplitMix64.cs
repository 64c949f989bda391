namespace Backtester.Data;

/// <summary>
/// A tiny, fully specified pseudo-random generator (Steele, Lea and Flood's SplitMix64). Used instead of
/// <see cref="System.Random"/> because its sequence for a seed is fixed forever, on every runtime and platform.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
