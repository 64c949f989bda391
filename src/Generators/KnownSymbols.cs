using Microsoft.CodeAnalysis;

namespace Backtester.Generators;

/// <summary>
/// The Backtester.Sdk symbols of one compilation, looked up once by name (<see cref="KnownTypeNames"/>) and then
/// compared by identity. Lives only while a compilation is analyzed; never stored in a model.
/// </summary>
internal sealed class KnownSymbols
{
    private readonly (INamedTypeSymbol? Attribute, EventKind Kind, INamedTypeSymbol? EventType)[] _handlerKinds;

    public KnownSymbols(Compilation compilation)
    {
        StrategyAttribute = compilation.GetTypeByMetadataName(KnownTypeNames.StrategyAttribute);
        ParamAttribute = compilation.GetTypeByMetadataName(KnownTypeNames.ParamAttribute);
        Orders = compilation.GetTypeByMetadataName(KnownTypeNames.Orders);
        ArrowRecordAttribute = compilation.GetTypeByMetadataName(KnownTypeNames.ArrowRecordAttribute);
        ArrowTimestampAttribute = compilation.GetTypeByMetadataName(KnownTypeNames.ArrowTimestampAttribute);
        _handlerKinds = new (INamedTypeSymbol?, EventKind, INamedTypeSymbol?)[EventKinds.All.Length];
        for (int i = 0; i < EventKinds.All.Length; i++)
        {
            EventKind kind = EventKinds.All[i];
            INamedTypeSymbol? eventType = kind.EventTypeMetadataName is null ? null : compilation.GetTypeByMetadataName(kind.EventTypeMetadataName);
            _handlerKinds[i] = (compilation.GetTypeByMetadataName(kind.AttributeMetadataName), kind, eventType);
        }
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
    public bool TryGetHandlerKind(INamedTypeSymbol? attributeClass, out EventKind eventKind, out INamedTypeSymbol? eventType)
    {
        foreach (var kind in _handlerKinds)
        {
            if (kind.Attribute is not null && SymbolEqualityComparer.Default.Equals(attributeClass, kind.Attribute))
            {
                eventKind = kind.Kind;
                eventType = kind.EventType;
                return true;
            }
        }
        eventKind = null!;
        eventType = null;
        return false;
    }
}
