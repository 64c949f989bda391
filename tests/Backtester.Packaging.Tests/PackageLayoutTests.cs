using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Backtester.Packaging.Tests;

[Collection(PackagingCollection.Name)]
[Trait("Category", "Packaging")]
public sealed class PackageLayoutTests(LocalFeed feed)
{
    [Fact]
    public void Sdk_package_holds_the_library_its_xml_docs_and_the_generator_as_an_analyzer()
    {
        var sdk = PackageContents.Read(feed.PackagePath("Backtester.Sdk"));

        Assert.Contains("analyzers/dotnet/cs/Backtester.Generators.dll", sdk.Files);
        Assert.Contains("lib/net10.0/Backtester.Sdk.dll", sdk.Files);
        Assert.Contains("lib/net10.0/Backtester.Sdk.xml", sdk.Files);
        Assert.Contains("README.md", sdk.Files);
        Assert.DoesNotContain(sdk.Files, f => f.StartsWith("lib/", StringComparison.Ordinal) && f.Contains("Generators", StringComparison.Ordinal));
    }

    [Fact]
    public void Sdk_package_does_not_depend_on_a_generator_package()
    {
        var sdk = PackageContents.Read(feed.PackagePath("Backtester.Sdk"));

        string[] ids = sdk.Dependencies.Select(d => (string)d.Attribute("id")!).ToArray();
        Assert.DoesNotContain("Backtester.Generators", ids);
        Assert.Contains("Apache.Arrow", ids);
        Assert.Empty(Directory.GetFiles(feed.Directory, "Backtester.Generators*"));
    }

    [Fact]
    public void Engine_package_depends_on_the_same_Sdk_version_including_its_analyzers()
    {
        var engine = PackageContents.Read(feed.PackagePath("Backtester.Engine"));

        Assert.Contains("lib/net10.0/Backtester.Engine.dll", engine.Files);
        Assert.Contains("lib/net10.0/Backtester.Engine.xml", engine.Files);
        XElement sdk = Assert.Single(engine.Dependencies, d => (string?)d.Attribute("id") == "Backtester.Sdk");
        Assert.Equal(feed.Version, (string?)sdk.Attribute("version"));
        // NuGet drops a dependency's analyzers unless asked not to; without them an Engine-only consumer gets no generator.
        Assert.DoesNotContain("Analyzers", (string?)sdk.Attribute("exclude") ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Backtester.Sdk")]
    [InlineData("Backtester.Engine")]
    public void Library_packages_carry_license_readme_tags_and_symbols(string id)
    {
        var package = PackageContents.Read(feed.PackagePath(id));

        Assert.Equal("MIT", package.Element("license"));
        Assert.Equal("README.md", package.Element("readme"));
        Assert.Contains("backtesting", package.Element("tags") ?? "");
        Assert.False(string.IsNullOrWhiteSpace(package.Element("description")));
        Assert.False(string.IsNullOrWhiteSpace(package.Element("authors")));
        Assert.Null(package.Element("projectUrl"));
        Assert.True(File.Exists(feed.PackagePath(id, "snupkg")), $"{id}.{feed.Version}.snupkg is missing");
    }

    [Fact]
    public void Template_package_is_a_template_whose_engine_version_defaults_to_its_own()
    {
        var templates = PackageContents.Read(feed.PackagePath("Backtester.Templates"));

        XElement packageType = Assert.Single(templates.Metadata.Descendants(), e => e.Name.LocalName == "packageType");
        Assert.Equal("Template", (string?)packageType.Attribute("name"));
        const string templateJson = "content/templates/strategy/.template.config/template.json";
        Assert.Contains(templateJson, templates.Files);
        Assert.Contains($"\"defaultValue\": \"{feed.Version}\"", templates.ReadText(templateJson));
        Assert.Contains("content/templates/strategy/MyStrategy.csproj", templates.Files);
        Assert.Contains("content/templates/strategy/Properties/launchSettings.json", templates.Files);
        Assert.DoesNotContain(templates.Files, f => f.StartsWith("lib/", StringComparison.Ordinal));
    }
}
