using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Backtester.Generators;

/// <summary>
/// What the generators' parsers share: the known Sdk symbols, and a diagnostics list whose errors make the parser
/// return no model (the analyzer reports the list; the generator discards it).
/// </summary>
internal abstract class DeclarationParser
{
    private readonly List<Diagnostic> _diagnostics;

    protected DeclarationParser(KnownSymbols known, List<Diagnostic> diagnostics)
    {
        Known = known;
        _diagnostics = diagnostics;
    }

    protected KnownSymbols Known { get; }

    /// <summary>True once an error was reported, or found that the compiler reports itself.</summary>
    protected bool HasErrors { get; set; }

    protected void Report(DiagnosticDescriptor descriptor, ISymbol symbol, params object[] arguments) =>
        Report(descriptor, symbol.Locations.FirstOrDefault(), arguments);

    protected void Report(DiagnosticDescriptor descriptor, Location? location, params object[] arguments)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error) HasErrors = true;
        _diagnostics.Add(Diagnostic.Create(descriptor, location, arguments));
    }
}
