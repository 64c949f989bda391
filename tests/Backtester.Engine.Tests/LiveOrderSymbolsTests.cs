using System;
using System.Collections.Generic;
using Backtester.Execution;
using CsCheck;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// The venue's table of live orders (<see cref="LiveOrderSymbols"/>) against a <see cref="Dictionary{TKey, TValue}"/>:
/// random adds, removes and look-ups over a few hundred ids, so probe runs collide, wrap around the table's end and grow
/// it, and every removal's backward shift is checked by the look-ups after it.
/// </summary>
public class LiveOrderSymbolsTests
{
    [Fact]
    public void Agrees_with_a_dictionary_over_random_adds_removes_and_lookups()
    {
        Gen.Select(Gen.Int[0, 2], Gen.Long[1, 300], Gen.Int[0, 9]).Array[1, 2_000].Sample(steps =>
        {
            var table = new LiveOrderSymbols();
            var expected = new Dictionary<long, int>();
            foreach (var (op, id, symbol) in steps)
            {
                switch (op)
                {
                    case 0 when !expected.ContainsKey(id):
                        table.Add(id, symbol);
                        expected.Add(id, symbol);
                        break;
                    case 1:
                        Assert.Equal(expected.Remove(id), table.Remove(id));
                        break;
                }
                Assert.Equal(expected.Count, table.Count);
                Assert.Equal(expected.TryGetValue(id, out int s) ? s : -1, table.SymbolOf(id));
            }
            foreach (var (id, symbol) in expected) Assert.Equal(symbol, table.SymbolOf(id));
            for (long id = 1; id <= 300; id++) if (!expected.ContainsKey(id)) Assert.Equal(-1, table.SymbolOf(id));
        });
    }

    [Fact]
    public void Refuses_an_id_already_live_and_ids_below_one()
    {
        var table = new LiveOrderSymbols();
        table.Add(7, 2);
        Assert.Throws<InvalidOperationException>(() => table.Add(7, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Add(0, 1));
        Assert.Equal(-1, table.SymbolOf(0));
        Assert.False(table.Remove(0));
        Assert.Equal(2, table.SymbolOf(7));
    }

    [Fact]
    public void Clear_empties_it_for_the_next_run()
    {
        var table = new LiveOrderSymbols();
        for (long id = 1; id <= 100; id++) table.Add(id, (int)(id % 3));
        table.Clear();
        Assert.Equal(0, table.Count);
        Assert.Equal(-1, table.SymbolOf(50));
        table.Add(50, 1);
        Assert.Equal(1, table.SymbolOf(50));
    }
}
