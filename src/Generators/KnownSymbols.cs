using Backtester.Generators.Models;
using Microsoft.CodeAnalysis;

namespace Backtester.Generators;

/// <summary>
/// The Backtester.Sdk symbols of one compilation, looked up once by name (<see cref="KnownTypeNames"/>) and then
/// compared by identity. Lives only while a compilation is analyzed; never stored in a model.
/// </summary>
internal sealed class KnownSymbols
{
    private readonly (INamedTypeSymbol? Attribute, HandlerEvent Event, INamedTypeSymbol? EventType)[] _handlerKinds;

    public KnownSymbols(Compilation compilation)
    {
        StrategyAttribute = compilation.GetTypeByMetadataName(KnownTypeNames.StrategyAttribute);
        ParamAttribute = compilation.GetTypeByMetadataName(KnownTypeNames.ParamAttribute);
        Orders = compilation.GetTypeByMetadataName(KnownTypeNames.Orders);
        ArrowRecordAttribute = compilation.GetTypeByMetadataName(KnownTypeNames.ArrowRecordAttribute);
        ArrowTimestampAttribute = compilation.GetTypeByMetadataName(KnownTypeNames.ArrowTimestampAttribute);
        _handlerKinds = new[]
        {
            (compilation.GetTypeByMetadataName(KnownTypeNames.OnStartAttribute), HandlerEvent.Start, (INamedTypeSymbol?)null),
            (compilation.GetTypeByMetadataName(KnownTypeNames.OnTradeAttribute), HandlerEvent.Trade, compilation.GetTypeByMetadataName(KnownTypeNames.Trade)),
            (compilation.GetTypeByMetadataName(KnownTypeNames.OnQuoteAttribute), HandlerEvent.Quote, compilation.GetTypeByMetadataName(KnownTypeNames.Quote)),
            (compilation.GetTypeByMetadataName(KnownTypeNames.OnBarAttribute), HandlerEvent.Bar, compilation.GetTypeByMetadataName(KnownTypeNames.Bar)),
            (compilation.GetTypeByMetadataName(KnownTypeNames.OnFundingAttribute), HandlerEvent.Funding, compilation.GetTypeByMetadataName(KnownTypeNames.Funding)),
            (compilation.GetTypeByMetadataName(KnownTypeNames.OnTimerAttribute), HandlerEvent.Timer, compilation.GetTypeByMetadataName(KnownTypeNames.TimerTick)),
            (compilation.GetTypeByMetadataName(KnownTypeNames.OnFillAttribute), HandlerEvent.Fill, compilation.GetTypeByMetadataName(KnownTypeNames.Fill)),
            (compilation.GetTypeByMetadataName(KnownTypeNames.OnOrderAttribute), HandlerEvent.Order, compilation.GetTypeByMetadataName(KnownTypeNames.OrderUpdate)),
            (compilation.GetTypeByMetadataName(KnownTypeNames.OnFinishAttribute), HandlerEvent.Finish, (INamedTypeSymbol?)null),
        };
    }

    public INamedTypeSymbol? StrategyAttribute { get; }

    public INamedTypeSymbol? ParamAttribute { get; }

    public INamedTypeSymbol? Orders { get; }

    public INamedTypeSymbol? ArrowRecordAttribute { get; }

    public INamedTypeSymbol? ArrowTimestampAttribute { get; }

    public bool IsStrategy(AttributeData attribute) =>
        StrategyAttribute is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, StrategyAttribute);

    public bool IsParam(AttributeData attribute) =>
        ParamAttribute is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, ParamAttribute);

    public bool IsArrowRecord(AttributeData attribute) =>
        ArrowRecordAttribute is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, ArrowRecordAttribute);

    public bool IsArrowTimestamp(AttributeData attribute) =>
        ArrowTimestampAttribute is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, ArrowTimestampAttribute);

    /// <summary>True when <paramref name="attribute"/> is [Param] or one of the handler attributes.</summary>
    public bool IsMemberAttribute(AttributeData attribute) => IsParam(attribute) || TryGetHandlerKind(attribute.AttributeClass, out _, out _);

    /// <summary>The event a handler attribute stands for, and the event's type (null for start and finish).</summary>
    public bool TryGetHandlerKind(INamedTypeSymbol? attributeClass, out HandlerEvent handlerEvent, out INamedTypeSymbol? eventType)
    {
        foreach (var kind in _handlerKinds)
        {
            if (kind.Attribute is not null && SymbolEqualityComparer.Default.Equals(attributeClass, kind.Attribute))
            {
                handlerEvent = kind.Event;
                eventType = kind.EventType;
                return true;
            }
        }
        handlerEvent = default;
        eventType = null;
        return false;
    }
}
