using System;
using System.Collections.Generic;

namespace Backtester.Data;

/// <summary>Gives symbols ids in order of first appearance, looking names up by span so no string is allocated per row.</summary>
internal sealed class SymbolInterner
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly List<string> _names = [];

    public SymbolInterner() => _bySpan = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _names.Count;

    public int IdOf(ReadOnlySpan<char> name)
    {
        if (_bySpan.TryGetValue(name, out int id)) return id;
        return Add(name.ToString());
    }

    public int IdOf(string name) => _ids.TryGetValue(name, out int id) ? id : Add(name);

    public SymbolTable ToTable() => new(_names);

    private int Add(string name)
    {
        int id = _names.Count;
        _ids.Add(name, id);
        _names.Add(name);
        return id;
    }
}
