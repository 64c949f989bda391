using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Backtester.Generators.Tests;

/// <summary>Every diagnostic is listed by an analyzer, linked to its section of docs/diagnostics.md, and documented there with an example.</summary>
public sealed class DiagnosticDocsTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    [Fact]
    public void Every_descriptor_has_a_help_link_to_its_anchor()
    {
        Assert.NotEmpty(Descriptors);
        foreach (DiagnosticDescriptor descriptor in Descriptors)
            Assert.Equal("docs/diagnostics.md#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
    }

    [Fact]
    public void Every_descriptor_has_a_docs_section_with_its_title_severity_message_and_an_example()
    {
        Dictionary<string, string> sections = Sections(ReadDocs());
        foreach (DiagnosticDescriptor descriptor in Descriptors)
        {
            Assert.True(sections.TryGetValue(descriptor.Id, out string? section), $"docs/diagnostics.md has no '## {descriptor.Id}' section");
            Assert.Contains($"**{descriptor.Title}** ({descriptor.DefaultSeverity})", Unwrap(section!));
            Assert.Contains($"`{descriptor.MessageFormat}`", Unwrap(section!));
            Assert.Contains("```csharp", section);
            Assert.Contains($"| [{descriptor.Id}](#{descriptor.Id.ToLowerInvariant()}) | {descriptor.DefaultSeverity} | {descriptor.Title} |", ReadDocs());
        }
        Assert.Equal(Descriptors.Select(d => d.Id).Order(), sections.Keys.Order());
    }

    [Fact]
    public void The_analyzers_support_every_descriptor_once()
    {
        string[] supported = new StrategyAnalyzer().SupportedDiagnostics.Concat(new ArrowRecordAnalyzer().SupportedDiagnostics).Select(d => d.Id).ToArray();
        Assert.Equal(Descriptors.Select(d => d.Id).Order(), supported.Order());
    }

    [Fact]
    public void BT0014_help_and_docs_list_every_name_the_parser_reserves()
    {
        var reserved = (HashSet<string>)typeof(StrategyGenerator.Parser)
            .GetField("ReservedParamNames", BindingFlags.NonPublic | BindingFlags.Static)!
            .GetValue(null)!;
        string help = DiagnosticDescriptors.ReservedParamName.Description.ToString();
        string section = Sections(ReadDocs())["BT0014"];
        foreach (string name in reserved)
        {
            Assert.Matches($@"\b{name}\b", help);
            Assert.Contains($"`{name}`", section);
        }
    }

    private static string ReadDocs([CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "docs", "diagnostics.md")).Replace("\r\n", "\n");

    /// <summary>The text under each <c>## ID</c> heading, up to the next heading.</summary>
    private static Dictionary<string, string> Sections(string docs) => Regex.Matches(docs, @"^## (BT\d{4})\n(.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline)
        .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    /// <summary>Paragraph text with its line breaks joined, as Markdown renders it.</summary>
    private static string Unwrap(string text) => text.Replace("\n", " ");
}
