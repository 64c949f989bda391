using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Backtester.Benchmarks.Peers;

/// <summary>
/// A table as raw little-endian column files plus a JSON header, for readers without an Arrow library (numpy reads each
/// column with <c>np.fromfile(path, dtype)</c>; pyarrow is not available to the numba peer). Layout of a directory:
/// <c>{name}.json</c> = <c>{"format": "backtester-columns/1", "rows": N, "source": ..., "symbols": [...],
/// "columns": [{"name": ..., "dtype": "&lt;i8", "file": "{name}.{column}.bin"}, ...]}</c>, dtypes in numpy's notation.
/// </summary>
public static class ColumnFiles
{
    public const string Format = "backtester-columns/1";

    /// <summary>One column to write: its name, numpy dtype and bytes (rows × item size).</summary>
    public readonly record struct Column(string Name, string Dtype, byte[] Bytes);

    public static Column Of<T>(string name, string dtype, ReadOnlySpan<T> values) where T : unmanaged =>
        new(name, dtype, MemoryMarshal.AsBytes(values).ToArray());

    public static void Write(string directory, string name, long rows, string source, IReadOnlyList<string> symbols, params Column[] columns)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Column files are little-endian; this machine is not.");
        Directory.CreateDirectory(directory);
        using var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("rows", rows);
            json.WriteString("source", source);
            json.WriteStartArray("symbols");
            foreach (string symbol in symbols) json.WriteStringValue(symbol);
            json.WriteEndArray();
            json.WriteStartArray("columns");
            foreach (Column column in columns)
            {
                string file = $"{name}.{column.Name}.bin";
                File.WriteAllBytes(Path.Combine(directory, file), column.Bytes);
                json.WriteStartObject();
                json.WriteString("name", column.Name);
                json.WriteString("dtype", column.Dtype);
                json.WriteString("file", file);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        File.WriteAllBytes(Path.Combine(directory, name + ".json"), header.ToArray());
    }

    /// <summary>The header of table <paramref name="name"/> in <paramref name="directory"/>, checked for its format.</summary>
    public static JsonDocument ReadHeader(string directory, string name)
    {
        string path = Path.Combine(directory, name + ".json");
        if (!File.Exists(path)) throw new FileNotFoundException($"No column table '{name}' in {directory}: {path} is missing (run 'peers export-trades {directory}' first).", path);
        var document = JsonDocument.Parse(File.ReadAllBytes(path));
        string? format = document.RootElement.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (format != Format) throw new InvalidDataException($"{path}: format is '{format}', expected '{Format}'.");
        return document;
    }

    /// <summary>Reads column <paramref name="column"/> of a table, checking its dtype and that it holds exactly the header's row count.</summary>
    public static T[] Read<T>(string directory, JsonDocument header, string column, string dtype) where T : unmanaged
    {
        long rows = header.RootElement.GetProperty("rows").GetInt64();
        foreach (JsonElement c in header.RootElement.GetProperty("columns").EnumerateArray())
        {
            if (c.GetProperty("name").GetString() != column) continue;
            string path = Path.Combine(directory, c.GetProperty("file").GetString()!);
            if (c.GetProperty("dtype").GetString() != dtype) throw new InvalidDataException($"{path}: column '{column}' has dtype {c.GetProperty("dtype").GetString()}, expected {dtype}.");
            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.Length != rows * Unsafe.SizeOf<T>()) throw new InvalidDataException($"{path}: {bytes.Length} bytes, expected {rows} rows of {Unsafe.SizeOf<T>()} bytes.");
            return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
        }
        throw new InvalidDataException($"{directory}: the header names no column '{column}'.");
    }
}
