using System;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Text;

namespace Backtester.Results;

/// <summary>
/// A strategy's parameter grid as data: its size and, per parameter, name, type and value list in grid order, with a
/// fingerprint over all of it. Two grids with the same fingerprint decode every index to the same parameter values, so
/// rows of one can stand for rows of the other; resume and merge compare it. See docs/results.md.
/// </summary>
/// <param name="Size">The number of combinations of the full grid.</param>
/// <param name="Parameters">The parameters, in declaration order (the last varies fastest).</param>
/// <param name="Fingerprint"><c>xxh128:</c> and 32 hex digits over the size, names, types and every value.</param>
public sealed record GridDefinition(long Size, IReadOnlyList<GridParameter> Parameters, string Fingerprint)
{
    /// <summary>Value lists up to this long are recorded whole; longer ones by their first values and the last.</summary>
    public const int ListedValues = 64;

    /// <summary>Values of one parameter read to find its list: beyond it, the rest of the grid is taken as that parameter's axis.</summary>
    private const long MaxScan = 1 << 20;

    /// <summary>
    /// The definition of <typeparamref name="TParameters"/>'s grid, recovered from its index decoding (the mixed-radix
    /// numbering of <see cref="IStrategyParameters{TSelf}"/>): for each parameter from the last, its values are read
    /// along its axis until a slower parameter changes. Costs one decode per value of each parameter, once.
    /// </summary>
    /// <remarks>
    /// A value list that repeats its slower neighbour's values (e.g. <c>[5, 5]</c>) reads as the grid decodes it
    /// (here, a longer list of the faster parameter): the definition describes which values each index gets, which is
    /// what makes rows comparable.
    /// </remarks>
    public static GridDefinition Of<TParameters>() where TParameters : struct, IStrategyParameters<TParameters>
    {
        long size = TParameters.GridCount;
        IReadOnlyList<string> names = TParameters.ParameterNames;
        int n = names.Count;
        var parameters = new GridParameter[n];
        var hash = new XxHash128();
        Append(hash, size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var valueHashes = new string[n];
        if (size > 0)
        {
            TParameters origin = TParameters.FromGridIndex(0);
            var slowerAtOrigin = new string[n];
            for (int q = 0; q < n; q++) slowerAtOrigin[q] = origin.FormatValue(q);
            long stride = 1;
            for (int p = n - 1; p >= 0; p--)
            {
                long remaining = size / stride;
                long radix = p == 0 ? remaining : AxisLength(p, stride, remaining, slowerAtOrigin);
                var listed = new List<string>();
                var values = new XxHash128();
                long hashed = Math.Min(radix, MaxScan);
                for (long k = 0; k < hashed; k++)
                {
                    string value = TParameters.FromGridIndex(k * stride).FormatValue(p);
                    Append(values, value);
                    if (k < ListedValues - 1 || (k == ListedValues - 1 && radix == ListedValues)) listed.Add(value);
                }
                if (radix > ListedValues || hashed < radix)
                {
                    string lastValue = TParameters.FromGridIndex((radix - 1) * stride).FormatValue(p);
                    if (hashed < radix) Append(values, lastValue);
                    if (radix > ListedValues) listed.Add(lastValue);
                }
                valueHashes[p] = Convert.ToHexStringLower(values.GetCurrentHash());
                parameters[p] = new GridParameter(names[p], TypeName(typeof(TParameters).GetProperty(names[p])?.PropertyType), radix, listed);
                stride *= radix;
            }
        }
        else
        {
            for (int p = 0; p < n; p++)
            {
                parameters[p] = new GridParameter(names[p], TypeName(typeof(TParameters).GetProperty(names[p])?.PropertyType), 0, Array.Empty<string>());
                valueHashes[p] = "";
            }
        }
        for (int p = 0; p < n; p++)
        {
            Append(hash, parameters[p].Name);
            Append(hash, parameters[p].Type);
            Append(hash, parameters[p].ValueCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Append(hash, valueHashes[p]);
        }
        return new GridDefinition(size, parameters, DataIdentity.FingerprintPrefix + Convert.ToHexStringLower(hash.GetCurrentHash()));

        static long AxisLength(int p, long stride, long remaining, string[] slowerAtOrigin)
        {
            long limit = Math.Min(remaining, MaxScan);
            for (long k = 1; k < limit; k++)
            {
                if (remaining % k != 0) continue;
                TParameters at = TParameters.FromGridIndex(k * stride);
                for (int q = 0; q < p; q++)
                    if (at.FormatValue(q) != slowerAtOrigin[q]) return k;
            }
            return remaining;
        }
    }

    /// <summary>The definition of <typeparamref name="TParameters"/>'s grid, computed once per type and kept.</summary>
    internal static GridDefinition For<TParameters>() where TParameters : struct, IStrategyParameters<TParameters> => Cache<TParameters>.Value;

    private static class Cache<TParameters> where TParameters : struct, IStrategyParameters<TParameters>
    {
        public static readonly GridDefinition Value = Of<TParameters>();
    }

    /// <summary>The differences from <paramref name="other"/>, one line per parameter (empty when the fingerprints agree).</summary>
    internal IEnumerable<string> DifferencesFrom(GridDefinition other, string here, string there)
    {
        if (Fingerprint == other.Fingerprint) yield break;
        if (Size != other.Size) yield return $"grid size: {Size} {here}, {other.Size} {there}";
        var theirs = new Dictionary<string, GridParameter>(StringComparer.Ordinal);
        foreach (GridParameter parameter in other.Parameters) theirs[parameter.Name] = parameter;
        var ours = new HashSet<string>(StringComparer.Ordinal);
        foreach (GridParameter parameter in Parameters)
        {
            ours.Add(parameter.Name);
            if (!theirs.TryGetValue(parameter.Name, out GridParameter? match)) yield return $"grid parameter {parameter.Name}: {parameter.Describe()} {here}, absent {there}";
            else if (match.Describe() != parameter.Describe()) yield return $"grid parameter {parameter.Name}: {parameter.Describe()} {here}, {match.Describe()} {there}";
        }
        foreach (GridParameter parameter in other.Parameters)
            if (!ours.Contains(parameter.Name)) yield return $"grid parameter {parameter.Name}: absent {here}, {parameter.Describe()} {there}";
        if (Size == other.Size && SameDescriptions(other))
            yield return $"grid fingerprint: {Fingerprint} {here}, {other.Fingerprint} {there} (the value lists differ beyond the values recorded)";
    }

    private bool SameDescriptions(GridDefinition other)
    {
        if (Parameters.Count != other.Parameters.Count) return false;
        for (int i = 0; i < Parameters.Count; i++)
            if (Parameters[i].Name != other.Parameters[i].Name || Parameters[i].Describe() != other.Parameters[i].Describe()) return false;
        return true;
    }

    private static string TypeName(Type? type) => type is null ? "?" : type.Namespace == "System" ? type.Name : type.FullName ?? type.Name;

    private static void Append(XxHash128 hash, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        hash.Append(length);
        hash.Append(bytes);
    }

    /// <inheritdoc/>
    public bool Equals(GridDefinition? other) => other is not null && Fingerprint == other.Fingerprint;

    /// <inheritdoc/>
    public override int GetHashCode() => Fingerprint.GetHashCode(StringComparison.Ordinal);
}
