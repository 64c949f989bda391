using System;
using Backtester.Generators.Models;

namespace Backtester.Generators;

/// <summary>
/// The Apache.Arrow names of every <see cref="ArrowFieldKind"/>, written out rather than derived from the enum
/// member names, so renaming a member cannot silently change generated code (a test checks that every kind is here
/// and that every name resolves in Apache.Arrow).
/// </summary>
internal static class ArrowTypes
{
    private const string Arrow = "global::Apache.Arrow";
    private const string Types = "global::Apache.Arrow.Types";

    public static readonly ArrowType[] All =
    {
        new(ArrowFieldKind.Int64, $"{Types}.Int64Type.Default", $"{Arrow}.Int64Array"),
        new(ArrowFieldKind.Int32, $"{Types}.Int32Type.Default", $"{Arrow}.Int32Array"),
        new(ArrowFieldKind.Int16, $"{Types}.Int16Type.Default", $"{Arrow}.Int16Array"),
        new(ArrowFieldKind.Int8, $"{Types}.Int8Type.Default", $"{Arrow}.Int8Array"),
        new(ArrowFieldKind.UInt8, $"{Types}.UInt8Type.Default", $"{Arrow}.UInt8Array"),
        new(ArrowFieldKind.Double, $"{Types}.DoubleType.Default", $"{Arrow}.DoubleArray"),
        new(ArrowFieldKind.Float, $"{Types}.FloatType.Default", $"{Arrow}.FloatArray"),
        new(ArrowFieldKind.Boolean, $"{Types}.BooleanType.Default", $"{Arrow}.BooleanArray"),
        new(ArrowFieldKind.Utf8, $"{Types}.StringType.Default", $"{Arrow}.StringArray"),
        new(ArrowFieldKind.Timestamp, $"new {Types}.TimestampType({Types}.TimeUnit.Nanosecond, \"UTC\")", $"{Arrow}.TimestampArray"),
    };

    public static ArrowType Of(ArrowFieldKind kind)
    {
        foreach (ArrowType type in All)
            if (type.Kind == kind) return type;
        throw new ArgumentOutOfRangeException(nameof(kind), kind, "No Arrow type is listed for this kind.");
    }
}
