using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace Backtester.Packaging.Tests;

/// <summary>The file list and nuspec of one .nupkg (a zip), read once.</summary>
internal sealed class PackageContents
{
    private PackageContents(IReadOnlyList<string> files, XElement metadata, Func<string, string> readText)
    {
        Files = files;
        Metadata = metadata;
        ReadText = readText;
    }

    public IReadOnlyList<string> Files { get; }

    /// <summary>The nuspec's &lt;metadata&gt; element.</summary>
    public XElement Metadata { get; }

    /// <summary>Reads one file of the package as text.</summary>
    public Func<string, string> ReadText { get; }

    public static PackageContents Read(string nupkg)
    {
        Assert.True(File.Exists(nupkg), $"{nupkg} was not created; the feed has: {string.Join(", ", Directory.GetFiles(Path.GetDirectoryName(nupkg)!).Select(Path.GetFileName))}");
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        using (ZipArchive zip = ZipFile.OpenRead(nupkg))
        {
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                texts[Uri.UnescapeDataString(entry.FullName)] = reader.ReadToEnd();
            }
        }
        string nuspec = texts.Keys.Single(name => name.EndsWith(".nuspec", StringComparison.Ordinal) && !name.Contains('/'));
        XElement metadata = XDocument.Parse(texts[nuspec]).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        return new PackageContents(texts.Keys.Order(StringComparer.Ordinal).ToList(), metadata, name => texts[name]);
    }

    /// <summary>The text of a metadata element such as "license" or "readme", or null.</summary>
    public string? Element(string name) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    /// <summary>Every &lt;dependency&gt; of every group.</summary>
    public IReadOnlyList<XElement> Dependencies => Metadata.Descendants().Where(e => e.Name.LocalName == "dependency").ToList();
}
