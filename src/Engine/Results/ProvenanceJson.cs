using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Backtester.Results;

/// <summary>A grid parameter as stored under <see cref="ResultMetadata.Keys.GridParameterPrefix"/>.</summary>
internal sealed record GridParameterJson(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("values")] IReadOnlyList<string> Values);

/// <summary>Source-generated JSON for the provenance values stored as JSON (no reflection at run time).</summary>
[JsonSerializable(typeof(GridParameterJson))]
[JsonSerializable(typeof(List<string>), TypeInfoPropertyName = "ListString")]
[JsonSerializable(typeof(Dictionary<string, string>), TypeInfoPropertyName = "DictionaryStringString")]
internal sealed partial class ProvenanceJson : JsonSerializerContext;
