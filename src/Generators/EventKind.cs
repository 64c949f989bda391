using Backtester.Generators.Models;

namespace Backtester.Generators;

/// <summary>One engine event a strategy can handle: its handler attribute, its event type and the driver method.</summary>
/// <param name="Event">The event.</param>
/// <param name="AttributeMetadataName">The handler attribute's metadata name (a <see cref="KnownTypeNames"/> constant).</param>
/// <param name="AttributeName">The attribute as users write it, e.g. <c>OnTrade</c>, for messages.</param>
/// <param name="EventTypeMetadataName">The event type's metadata name, or null for events without an argument (start, finish).</param>
/// <param name="DriverMethod">The <c>IStrategyDriver</c> method the generated driver implements for it.</param>
/// <param name="EventParameter">The driver method's event parameter name (unused without an event type).</param>
internal sealed record EventKind(
    HandlerEvent Event,
    string AttributeMetadataName,
    string AttributeName,
    string? EventTypeMetadataName,
    string DriverMethod,
    string EventParameter)
{
    /// <summary>The event type as written in generated code, <c>global::</c>-qualified; null without one.</summary>
    public string? EventTypeName => EventTypeMetadataName is null ? null : "global::" + EventTypeMetadataName;

    /// <summary>The event type's short name, for messages; null without one.</summary>
    public string? EventTypeShortName => EventTypeMetadataName?.Substring(EventTypeMetadataName.LastIndexOf('.') + 1);
}
