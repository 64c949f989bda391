using System.ComponentModel;
using System;
using System.Collections.Generic;
using System.Globalization;

namespace Backtester.Infrastructure;

/// <summary>
/// Parses parameter values given as text (e.g. <c>--param Fast=10</c> on the command line), invariant culture.
/// Used by the generated <c>Parameters.WithValue</c>; every failure names the parameter, the text and what was expected.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParameterText
{
    /// <summary>Parses an <c>int</c>.</summary>
    public static int ParseInt32(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : throw Invalid(name, text, "a whole number (int)");

    /// <summary>Parses a <c>long</c>.</summary>
    public static long ParseInt64(string name, string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) ? value : throw Invalid(name, text, "a whole number (long)");

    /// <summary>Parses a finite <c>double</c>.</summary>
    public static double ParseDouble(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value : throw Invalid(name, text, "a finite number such as 0.5");

    /// <summary>Parses a <c>decimal</c>.</summary>
    public static decimal ParseDecimal(string name, string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal value) ? value : throw Invalid(name, text, "a decimal number such as 0.5");

    /// <summary>Parses <c>true</c> or <c>false</c> (any case).</summary>
    public static bool ParseBoolean(string name, string text) =>
        bool.TryParse(text, out bool value) ? value : throw Invalid(name, text, "true or false");

    /// <summary>Parses the name of a member of <typeparamref name="TEnum"/> (any case).</summary>
    public static TEnum ParseEnum<TEnum>(string name, string text) where TEnum : struct, Enum =>
        !string.IsNullOrWhiteSpace(text) && !char.IsDigit(text.TrimStart()[0]) && !text.TrimStart().StartsWith('-') && Enum.TryParse(text, ignoreCase: true, out TEnum value)
            ? value
            : throw Invalid(name, text, "one of " + string.Join(", ", Enum.GetNames<TEnum>()));

    /// <summary>Formats a value as invariant text that the parse methods read back.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The exception for a name that is not a parameter of the strategy.</summary>
    public static ArgumentException UnknownName(string name, IReadOnlyList<string> names) =>
        new($"Unknown parameter '{name}'; the strategy's parameters are: {(names.Count == 0 ? "(none)" : string.Join(", ", names))}.", nameof(name));

    private static ArgumentException Invalid(string name, string text, string expected) =>
        new($"Parameter {name}: expected {expected}, got '{text}'.", nameof(text));
}
