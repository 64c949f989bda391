using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backtester.Generators;

/// <summary>How the parsers name a user type in generated code, shared so every generated file agrees.</summary>
internal static class SymbolNames
{
    /// <summary>The containing namespace as written in code (keywords escaped), or empty for the global namespace.</summary>
    public static string Namespace(INamedTypeSymbol type) => type.ContainingNamespace.IsGlobalNamespace
        ? ""
        : type.ContainingNamespace.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted));

    /// <summary>The stable hint name <c>{Namespace}.{Type}.{feature}.g.cs</c>.</summary>
    public static string HintName(INamedTypeSymbol type, string feature) => type.ContainingNamespace.IsGlobalNamespace
        ? $"{type.Name}.{feature}.g.cs"
        : $"{type.ContainingNamespace.ToDisplayString()}.{type.Name}.{feature}.g.cs";

    /// <summary><paramref name="name"/> as an identifier: keywords get an '@'.</summary>
    public static string Identifier(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>
    /// The Arrow column name of a member. OrderId -> order_id, IsMaker -> is_maker, PnLRatio -> pn_l_ratio, HTTPCode -> http_code: an underscore
    /// before an upper-case letter that follows a lower-case letter or digit, or that starts a word after an acronym.
    /// </summary>
    public static string ToSnakeCase(string name)
    {
        var snake = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool afterLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool startsWordAfterAcronym = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (afterLowerOrDigit || startsWordAfterAcronym) snake.Append('_');
                snake.Append(char.ToLowerInvariant(c));
            }
            else
            {
                snake.Append(c);
            }
        }
        return snake.ToString();
    }

    /// <summary>The first declaration of <paramref name="type"/> without the 'partial' modifier, or null when all have it.</summary>
    public static TypeDeclarationSyntax? FirstNonPartialDeclaration(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                return declaration;
        }
        return null;
    }
}
