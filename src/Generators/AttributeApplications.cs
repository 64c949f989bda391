using System.Linq;
using Microsoft.CodeAnalysis;

namespace Backtester.Generators;

/// <summary>Helpers for the targets ForAttributeWithMetadataName hands the generators.</summary>
internal static class AttributeApplications
{
    /// <summary>
    /// True when <paramref name="ctx"/> is the declaration carrying the type's first <paramref name="attributeName"/>.
    /// The attribute repeated on several partial declarations is a compiler error; this lets a generator emit once anyway.
    /// </summary>
    public static bool IsFirst(GeneratorAttributeSyntaxContext ctx, string attributeName)
    {
        SyntaxReference? first = ctx.TargetSymbol.GetAttributes()
            .FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == attributeName)?.ApplicationSyntaxReference;
        return first is null || (first.SyntaxTree == ctx.TargetNode.SyntaxTree && ctx.TargetNode.Span.Contains(first.Span));
    }
}
