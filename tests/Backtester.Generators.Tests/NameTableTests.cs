using System;
using System.Linq;
using System.Reflection;
using Backtester.Generators.Models;
using Backtester.Infrastructure;
using Xunit;

namespace Backtester.Generators.Tests;

/// <summary>
/// The generator's explicit name tables: every enum member is listed once, and every name they emit exists where
/// generated code expects it, so renaming an enum member (or an Sdk type) fails here instead of in users' builds.
/// </summary>
public sealed class NameTableTests
{
    [Fact]
    public void Event_kinds_list_every_handler_event_once_in_declaration_order()
    {
        Assert.Equal(Enum.GetValues<HandlerEvent>(), EventKinds.All.Select(k => k.Event));
        foreach (HandlerEvent handlerEvent in Enum.GetValues<HandlerEvent>())
            Assert.Same(EventKinds.All.Single(k => k.Event == handlerEvent), EventKinds.Of(handlerEvent));
    }

    [Fact]
    public void Each_event_kind_names_an_sdk_attribute_event_type_and_driver_method()
    {
        Assembly sdk = typeof(Trade).Assembly;
        foreach (EventKind kind in EventKinds.All)
        {
            Type attribute = sdk.GetType(kind.AttributeMetadataName, throwOnError: true)!;
            Assert.True(typeof(Attribute).IsAssignableFrom(attribute), kind.AttributeMetadataName);
            Assert.Equal(kind.AttributeName + "Attribute", attribute.Name);

            Type[] parameters = kind.EventTypeMetadataName is null
                ? new[] { typeof(Orders) }
                : new[] { sdk.GetType(kind.EventTypeMetadataName, throwOnError: true)!.MakeByRefType(), typeof(Orders) };
            MethodInfo? method = typeof(IStrategyDriver).GetMethod(kind.DriverMethod, parameters);
            Assert.True(method is not null, $"IStrategyDriver has no {kind.DriverMethod}({string.Join(", ", parameters.Select(p => p.Name))})");
            if (kind.EventTypeMetadataName is not null)
                Assert.Equal(kind.EventParameter, method!.GetParameters()[0].Name);
        }
        Assert.Equal(typeof(IStrategyDriver).GetMethods().Length, EventKinds.All.Length);
    }

    [Fact]
    public void Arrow_types_list_every_field_kind_once_with_names_that_resolve_in_apache_arrow()
    {
        Assert.Equal(Enum.GetValues<ArrowFieldKind>().Order(), ArrowTypes.All.Select(t => t.Kind).Order());
        Assembly arrow = typeof(Apache.Arrow.Schema).Assembly;
        foreach (ArrowType type in ArrowTypes.All)
        {
            Assert.Same(type, ArrowTypes.Of(type.Kind));
            Assert.NotNull(arrow.GetType(type.ArrayType.Replace("global::", ""), throwOnError: true));
            string dataType = type.Kind == ArrowFieldKind.Timestamp
                ? "global::Apache.Arrow.Types.TimestampType"
                : type.DataType.Replace(".Default", "");
            Assert.NotNull(arrow.GetType(dataType.Replace("new ", "").Replace("global::", ""), throwOnError: true));
        }
    }

    [Fact]
    public void Sweep_columns_the_generator_reserves_are_the_engine_sweep_tables()
    {
        // The sweep table is index, the parameters, BacktestSummary's columns, error (SweepTableColumns).
        Assert.Equal(BacktestSummary.ArrowSchema.FieldsList.Select(f => f.Name), ReservedNames.SweepStatisticColumns);
        Assert.Equal(new[] { "index" }, ReservedNames.SweepLeadingColumns);
        Assert.Equal(new[] { "error" }, ReservedNames.SweepTrailingColumns);
    }

    [Fact]
    public void Reserved_table_names_include_the_sweep_file_and_are_distinct()
    {
        Assert.Contains(System.IO.Path.GetFileNameWithoutExtension(new SweepOutput("out").FileName), ReservedNames.EngineTables);
        Assert.Equal(ReservedNames.EngineTables.Length, ReservedNames.EngineTables.Distinct().Count());
    }
}
