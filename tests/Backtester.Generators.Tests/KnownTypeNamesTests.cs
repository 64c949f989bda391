using System;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Backtester.Generators.Tests;

public sealed class KnownTypeNamesTests
{
    [Fact]
    public void Every_known_type_name_is_the_full_name_of_its_sdk_type()
    {
        var expected = new (string Name, Type Type)[]
        {
            (KnownTypeNames.StrategyAttribute, typeof(StrategyAttribute)),
            (KnownTypeNames.ParamAttribute, typeof(ParamAttribute)),
            (KnownTypeNames.OnStartAttribute, typeof(OnStartAttribute)),
            (KnownTypeNames.OnTradeAttribute, typeof(OnTradeAttribute)),
            (KnownTypeNames.OnQuoteAttribute, typeof(OnQuoteAttribute)),
            (KnownTypeNames.OnBarAttribute, typeof(OnBarAttribute)),
            (KnownTypeNames.OnBookAttribute, typeof(OnBookAttribute)),
            (KnownTypeNames.OnFundingAttribute, typeof(OnFundingAttribute)),
            (KnownTypeNames.OnMarkPriceAttribute, typeof(OnMarkPriceAttribute)),
            (KnownTypeNames.OnTimerAttribute, typeof(OnTimerAttribute)),
            (KnownTypeNames.OnFillAttribute, typeof(OnFillAttribute)),
            (KnownTypeNames.OnOrderAttribute, typeof(OnOrderAttribute)),
            (KnownTypeNames.OnFinishAttribute, typeof(OnFinishAttribute)),
            (KnownTypeNames.Trade, typeof(Trade)),
            (KnownTypeNames.Funding, typeof(Funding)),
            (KnownTypeNames.MarkPriceUpdate, typeof(MarkPriceUpdate)),
            (KnownTypeNames.TimerTick, typeof(TimerTick)),
            (KnownTypeNames.Quote, typeof(Quote)),
            (KnownTypeNames.Bar, typeof(Bar)),
            (KnownTypeNames.BookUpdate, typeof(BookUpdate)),
            (KnownTypeNames.Fill, typeof(Fill)),
            (KnownTypeNames.OrderUpdate, typeof(OrderUpdate)),
            (KnownTypeNames.Orders, typeof(Orders)),
            (KnownTypeNames.ArrowRecordAttribute, typeof(ArrowRecordAttribute)),
            (KnownTypeNames.ArrowTimestampAttribute, typeof(ArrowTimestampAttribute)),
        };
        foreach (var (name, type) in expected) Assert.Equal(type.FullName, name);

        // A constant added to KnownTypeNames must be added above too.
        string[] declared = typeof(KnownTypeNames)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order()
            .ToArray();
        Assert.Equal(expected.Select(e => e.Name).Order(), declared);
    }
}
