using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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

    /// <summary>
    /// The stable hint name <c>{Namespace}.{Type}.{feature}.g.cs</c>, from the names as declared (a verbatim
    /// <c>@event</c> is <c>event</c>) with any character a hint name cannot hold replaced by '_'. Hint names are
    /// compared ignoring case, so when another type of the assembly would get the same name that way (<c>S</c> and
    /// <c>s</c>), a hash of the exact full name is appended.
    /// </summary>
    public static string HintName(INamedTypeSymbol type, string feature)
    {
        string stem = HintStem(type);
        if (HasHintTwin(type))
            stem += "." + Fnv1a(FullName(type)).ToString("x8", CultureInfo.InvariantCulture);
        return $"{stem}.{feature}.g.cs";
    }

    private static string HintStem(INamedTypeSymbol type)
    {
        var stem = new StringBuilder();
        foreach (string part in NamespaceParts(type.ContainingNamespace)) stem.Append(HintPart(part)).Append('.');
        return stem.Append(HintPart(type.MetadataName)).ToString();
    }

    private static string HintPart(string name)
    {
        var part = new StringBuilder(name.Length);
        foreach (char c in name) part.Append(char.IsLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        return part.ToString();
    }

    /// <summary>True when another type of <paramref name="type"/>'s assembly has the same hint stem, ignoring case.</summary>
    private static bool HasHintTwin(INamedTypeSymbol type)
    {
        var namespaces = new List<INamespaceSymbol> { type.ContainingAssembly.GlobalNamespace };
        foreach (string part in NamespaceParts(type.ContainingNamespace))
        {
            string key = HintPart(part);
            namespaces = namespaces.SelectMany(n => n.GetNamespaceMembers())
                .Where(n => string.Equals(HintPart(n.Name), key, StringComparison.OrdinalIgnoreCase))
                .ToList();
        }
        string typeKey = HintPart(type.MetadataName);
        return namespaces.SelectMany(n => n.GetTypeMembers()).Any(t =>
            !SymbolEqualityComparer.Default.Equals(t, type) && string.Equals(HintPart(t.MetadataName), typeKey, StringComparison.OrdinalIgnoreCase));
    }

    private static List<string> NamespaceParts(INamespaceSymbol? ns)
    {
        var parts = new List<string>();
        for (; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace) parts.Insert(0, ns.Name);
        return parts;
    }

    private static string FullName(INamedTypeSymbol type) => string.Join(".", NamespaceParts(type.ContainingNamespace).Concat(new[] { type.MetadataName }));

    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }
        return hash;
    }

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

    /// <summary>
    /// The buffer fields of a generated <c>Columns</c> class, one per member: <c>_{camelCase}Column</c>, with a number
    /// appended where two would be equal (<c>aBC</c> and <c>ABC</c>). Never equal to the class's own <c>_count</c>.
    /// </summary>
    public static string[] ColumnFieldNames(IReadOnlyList<string> memberNames)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var names = new string[memberNames.Count];
        for (int i = 0; i < names.Length; i++)
        {
            string member = memberNames[i];
            string stem = "_" + char.ToLowerInvariant(member[0]) + member.Substring(1) + "Column";
            string name = stem;
            for (int n = 2; !taken.Add(name); n++) name = stem + n.ToString(CultureInfo.InvariantCulture);
            names[i] = name;
        }
        return names;
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
