using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Backtester.Results;

/// <summary>
/// The provenance Backtester writes into the schema metadata of every result file (summary, fills, equity, logged
/// records, sweep tables): the engine version, the strategy and its grid definition, the data's identity and every
/// backtest option, read back as typed values. The keys and their formats are documented in docs/results.md
/// (<see cref="Keys"/> names them); anything else in a file's metadata is the user's (<see cref="User"/>).
/// </summary>
/// <example><code>
/// ResultMetadata meta = ResultMetadata.Read("results/sweep.arrow");
/// Console.WriteLine($"{meta.Strategy?.Name} over {meta.Data?.Source} ({meta.Data?.Fingerprint})");
/// </code></example>
public sealed class ResultMetadata
{
    /// <summary>The schema metadata keys.</summary>
    public static class Keys
    {
        /// <summary>The version of this metadata schema (currently <c>1</c>).</summary>
        public const string Schema = "backtester.schema";

        /// <summary>The engine's version.</summary>
        public const string EngineVersion = "backtester.engine_version";

        /// <summary>Which table the file holds: <c>summary</c>, <c>fills</c>, <c>equity</c>, <c>sweep</c>, or a logged record's file name without <c>.arrow</c>.</summary>
        public const string Table = "backtester.table";

        /// <summary>The strategy's name.</summary>
        public const string Strategy = "backtester.strategy";

        /// <summary>
        /// A single run's warnings, one per line (absent when there are none): its <see cref="StrategyWarnings"/>, and in
        /// the summary (and the orders, round-trip and symbol tables) also <see cref="Annualization.ShortHistoryWarning"/>.
        /// </summary>
        public const string Warnings = "backtester.warnings";

        /// <summary>The strategy type's full name.</summary>
        public const string StrategyType = "backtester.strategy.type";

        /// <summary>The full name of the strategy's assembly.</summary>
        public const string StrategyAssembly = "backtester.strategy.assembly";

        /// <summary>The module version id (MVID) of the strategy's assembly.</summary>
        public const string StrategyAssemblyBuild = "backtester.strategy.assembly_build";

        /// <summary>A single run's parameters, <c>Name=Value</c> pairs separated by <c>;</c>.</summary>
        public const string Parameters = "backtester.parameters";

        /// <summary>The number of combinations of the strategy's full grid.</summary>
        public const string GridSize = "backtester.grid.size";

        /// <summary>The grid definition's fingerprint.</summary>
        public const string GridFingerprint = "backtester.grid.fingerprint";

        /// <summary>The parameter names in declaration order, as a JSON array.</summary>
        public const string GridParameters = "backtester.grid.parameters";

        /// <summary>Prefix of one key per parameter: a JSON object <c>{"type":..,"count":..,"values":[..]}</c>.</summary>
        public const string GridParameterPrefix = "backtester.grid.param.";

        /// <summary>A sweep table's first grid index.</summary>
        public const string GridStart = "backtester.grid_start";

        /// <summary>The number of combinations a sweep table covers.</summary>
        public const string GridCount = "backtester.grid_count";

        /// <summary>The market data source's name.</summary>
        public const string DataSource = "backtester.data_source";

        /// <summary>The data's content fingerprint.</summary>
        public const string DataFingerprint = "backtester.data.fingerprint";

        /// <summary>The symbols by id, as a JSON object <c>{"0":"BTCUSDT",...}</c>.</summary>
        public const string DataSymbols = "backtester.data.symbols";

        /// <summary>The first event's time, ns since the Unix epoch (absent without events).</summary>
        public const string DataFirstTime = "backtester.data.first_time_ns";

        /// <summary>The last event's time, ns since the Unix epoch (absent without events).</summary>
        public const string DataLastTime = "backtester.data.last_time_ns";

        /// <summary>Trade rows.</summary>
        public const string DataTrades = "backtester.data.trades";

        /// <summary>Quote rows.</summary>
        public const string DataQuotes = "backtester.data.quotes";

        /// <summary>Bar rows.</summary>
        public const string DataBars = "backtester.data.bars";

        /// <summary>Segments (files replayed one after another).</summary>
        public const string DataSegments = "backtester.data.segments";

        /// <summary>Prefix of one key per <see cref="BacktestOptions"/> value, by its snake_case name.</summary>
        public const string OptionPrefix = "backtester.options.";

        /// <summary><c>true</c> on a sweep table merged from shards that do not cover the grid (<c>sweep merge --allow-partial</c>).</summary>
        public const string Partial = "backtester.partial";

        /// <summary>On a partial table, the grid index ranges missing from it: <c>10..19;30..39</c>.</summary>
        public const string PartialMissing = "backtester.partial.missing";

        /// <summary>
        /// On a sweep or search table, the XxHash64 of its rows (16 hex digits): a merge and the result reader refuse a
        /// table whose rows no longer match it (a value changed after the table was written).
        /// </summary>
        public const string RowsChecksum = "backtester.rows_xxh64";
    }

    /// <summary>The version of the metadata schema this engine writes.</summary>
    public const int CurrentSchema = 1;

    private const string Prefix = "backtester.";

    /// <summary>The engine version string (informational version of Backtester.Engine).</summary>
    public static string CurrentEngineVersion { get; } =
        typeof(ResultMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private readonly Dictionary<string, string> _entries;

    private ResultMetadata(Dictionary<string, string> entries)
    {
        _entries = entries;
        SchemaVersion = Int(Keys.Schema) is { } schema ? (int)schema : null;
        EngineVersion = Text(Keys.EngineVersion);
        Table = Text(Keys.Table);
        if (Text(Keys.Strategy) is { } name)
            Strategy = new StrategyIdentity(name, Text(Keys.StrategyType) ?? "", Text(Keys.StrategyAssembly) ?? "", Text(Keys.StrategyAssemblyBuild) ?? "");
        Parameters = Text(Keys.Parameters);
        Grid = ReadGrid();
        GridStart = Int(Keys.GridStart);
        GridCount = Int(Keys.GridCount);
        Data = ReadData();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var user = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            if (key.StartsWith(Keys.OptionPrefix, StringComparison.Ordinal)) options[key[Keys.OptionPrefix.Length..]] = value;
            else if (!key.StartsWith(Prefix, StringComparison.Ordinal)) user[key] = value;
        }
        Options = options;
        User = user;
        Partial = Text(Keys.Partial) == "true";
        Missing = Text(Keys.PartialMissing);
    }

    /// <summary>The metadata schema version, or null for a file written before provenance was recorded.</summary>
    public int? SchemaVersion { get; }

    /// <summary>The version of the engine that wrote the file.</summary>
    public string? EngineVersion { get; }

    /// <summary>Which table the file holds (<see cref="Keys.Table"/>).</summary>
    public string? Table { get; }

    /// <summary>The strategy, when the file comes from <c>Backtest.Run</c> with a strategy or from a sweep.</summary>
    public StrategyIdentity? Strategy { get; }

    /// <summary>A single run's parameters (<c>Name=Value;...</c>); null in sweep tables, whose rows carry them.</summary>
    public string? Parameters { get; }

    /// <summary>The strategy's grid definition.</summary>
    public GridDefinition? Grid { get; }

    /// <summary>A sweep table's first grid index.</summary>
    public long? GridStart { get; }

    /// <summary>The number of combinations a sweep table covers (the rows it holds when it is not <see cref="Partial"/>).</summary>
    public long? GridCount { get; }

    /// <summary>The market data's identity.</summary>
    public DataIdentity? Data { get; }

    /// <summary>Every <see cref="BacktestOptions"/> value by its snake_case name (e.g. <c>taker_fee_bps</c>), as invariant text.</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>True on a sweep table that does not cover its grid range (<c>sweep merge --allow-partial</c>).</summary>
    public bool Partial { get; }

    /// <summary>On a partial table, the missing grid index ranges (<c>10..19;30..39</c>).</summary>
    public string? Missing { get; }

    /// <summary>The metadata that is not Backtester's (keys not starting with <c>backtester.</c>): what the user added.</summary>
    public IReadOnlyDictionary<string, string> User { get; }

    /// <summary>Every key and value, as stored.</summary>
    public IReadOnlyDictionary<string, string> Entries => _entries;

    /// <summary>
    /// Reads the provenance of the result file at <paramref name="path"/>: an Arrow IPC file's schema metadata (only the
    /// schema is read) or a Parquet file's key-value metadata (by the extension <c>.parquet</c>).
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a whole Arrow IPC or Parquet file, or is a CSV file (which carries no provenance).</exception>
    public static ResultMetadata Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Result file not found: {path}", path);
        // Parquet keeps the provenance as key-value metadata; CSV keeps none.
        string extension = Path.GetExtension(path);
        if (extension.Equals(".parquet", StringComparison.OrdinalIgnoreCase)) return FromEntries(ResultFileReader.ParquetMetadata(path));
        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{path}: a CSV result file carries no provenance (what produced it is kept by --format arrow or parquet)");
        try
        {
            using FileStream stream = ArrowIpcFile.OpenRead(path);
            using var reader = new ArrowFileReader(stream, ArrowIpcOptions.Codecs);
            return FromSchema(reader.Schema);
        }
        catch (Exception e) when (!UnreadableResultFile.Names(e, path))
        {
            throw UnreadableResultFile.Error(path, "Arrow IPC file", e);
        }
    }

    /// <summary>The metadata of <paramref name="schema"/>.</summary>
    public static ResultMetadata FromSchema(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return FromEntries(schema.HasMetadata ? schema.Metadata : new Dictionary<string, string>());
    }

    /// <summary>The metadata made of <paramref name="entries"/>.</summary>
    public static ResultMetadata FromEntries(IReadOnlyDictionary<string, string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new ResultMetadata(new Dictionary<string, string>(entries, StringComparer.Ordinal));
    }

    /// <summary>
    /// What makes results of this provenance differ from <paramref name="other"/>'s, one line each, naming the value on
    /// each side (<paramref name="here"/> and <paramref name="there"/> say which side is which); empty when rows of both
    /// can be combined. Compared: engine version, strategy (name, type, assembly and its build), grid definition, data
    /// fingerprint and every option. Not compared: the table, a run's parameters, the grid range, user metadata and the
    /// data source's name (the same content under another file name is the same data).
    /// </summary>
    public IReadOnlyList<string> ProvenanceDifferences(ResultMetadata other, string here = "here", string there = "there")
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        if (SchemaVersion != other.SchemaVersion)
            differences.Add($"metadata schema: {Show(SchemaVersion?.ToString(CultureInfo.InvariantCulture))} {here}, {Show(other.SchemaVersion?.ToString(CultureInfo.InvariantCulture))} {there}");
        if (EngineVersion != other.EngineVersion)
            differences.Add($"engine version: {Show(EngineVersion)} {here}, {Show(other.EngineVersion)} {there}");
        Compare("strategy", Strategy?.Name, other.Strategy?.Name);
        Compare("strategy type", Strategy?.Type, other.Strategy?.Type);
        Compare("strategy assembly", Strategy?.Assembly, other.Strategy?.Assembly);
        Compare("strategy assembly build", Strategy?.AssemblyBuild, other.Strategy?.AssemblyBuild);
        if (Grid is null || other.Grid is null) Compare("grid", Grid?.Fingerprint, other.Grid?.Fingerprint);
        else differences.AddRange(Grid.DifferencesFrom(other.Grid, here, there));
        if (Data?.Fingerprint != other.Data?.Fingerprint)
            differences.Add($"data: {Describe(Data)} {here}, {Describe(other.Data)} {there}");
        var names = new SortedSet<string>(Options.Keys, StringComparer.Ordinal);
        names.UnionWith(other.Options.Keys);
        foreach (string name in names)
        {
            Options.TryGetValue(name, out string? ours);
            other.Options.TryGetValue(name, out string? theirs);
            Compare("option " + name, ours, theirs);
        }
        return differences;

        void Compare(string what, string? ours, string? theirs)
        {
            if (ours != theirs) differences.Add($"{what}: {Show(ours)} {here}, {Show(theirs)} {there}");
        }
    }

    private static string Show(string? value) => value is null ? "(not recorded)" : value.Length == 0 ? "(empty)" : value;

    private static string Describe(DataIdentity? data) => data is null
        ? "(not recorded)"
        : string.Create(CultureInfo.InvariantCulture, $"{data.Fingerprint} ({data.Source}: {data.Trades} trades, {data.Quotes} quotes, {data.Bars} bars)");

    /// <summary>The provenance of results of <paramref name="data"/> under <paramref name="options"/>, with the strategy and grid when known.</summary>
    internal static ResultMetadata Create(DataIdentity data, BacktestOptions options, StrategyIdentity? strategy = null, GridDefinition? grid = null,
        string? parameters = null, IReadOnlyDictionary<string, string>? user = null, string? warnings = null)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (user is not null)
            foreach (var (key, value) in user)
            {
                if (key.StartsWith(Prefix, StringComparison.Ordinal))
                    throw new ArgumentException($"Metadata key '{key}' is reserved: keys starting with '{Prefix}' are the engine's provenance. Choose another name.", nameof(user));
                entries[key] = value;
            }
        entries[Keys.Schema] = CurrentSchema.ToString(CultureInfo.InvariantCulture);
        entries[Keys.EngineVersion] = CurrentEngineVersion;
        if (strategy is not null)
        {
            entries[Keys.Strategy] = strategy.Name;
            entries[Keys.StrategyType] = strategy.Type;
            entries[Keys.StrategyAssembly] = strategy.Assembly;
            entries[Keys.StrategyAssemblyBuild] = strategy.AssemblyBuild;
        }
        if (parameters is not null) entries[Keys.Parameters] = parameters;
        if (warnings is not null) entries[Keys.Warnings] = warnings;
        if (grid is not null) WriteGrid(entries, grid);
        WriteData(entries, data);
        foreach (var (name, value) in OptionsText.Describe(options)) entries[Keys.OptionPrefix + name] = value;
        return new ResultMetadata(entries);
    }

    /// <summary>A copy with <paramref name="key"/> set (or removed when <paramref name="value"/> is null).</summary>
    internal ResultMetadata With(string key, string? value)
    {
        var entries = new Dictionary<string, string>(_entries, StringComparer.Ordinal);
        if (value is null) entries.Remove(key);
        else entries[key] = value;
        return new ResultMetadata(entries);
    }

    /// <summary>A copy recording the sweep range [<paramref name="start"/>, start + <paramref name="count"/>).</summary>
    internal ResultMetadata WithRange(long start, long count) =>
        With(Keys.GridStart, start.ToString(CultureInfo.InvariantCulture)).With(Keys.GridCount, count.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>Name=Value;...</c> for a strategy's parameters, in declaration order, invariant culture.</summary>
    public static string DescribeParameters<TParameters>(in TParameters parameters) where TParameters : struct, IStrategyParameters<TParameters>
    {
        var parts = new List<string>();
        var names = TParameters.ParameterNames;
        for (int i = 0; i < names.Count; i++) parts.Add(names[i] + "=" + parameters.FormatValue(i));
        return string.Join(";", parts);
    }

    private static void WriteGrid(Dictionary<string, string> entries, GridDefinition grid)
    {
        entries[Keys.GridSize] = grid.Size.ToString(CultureInfo.InvariantCulture);
        entries[Keys.GridFingerprint] = grid.Fingerprint;
        var names = new List<string>();
        foreach (GridParameter parameter in grid.Parameters)
        {
            names.Add(parameter.Name);
            entries[Keys.GridParameterPrefix + parameter.Name] = JsonSerializer.Serialize(new GridParameterJson(parameter.Type, parameter.ValueCount, parameter.Values), ProvenanceJson.Default.GridParameterJson);
        }
        entries[Keys.GridParameters] = JsonSerializer.Serialize(names, ProvenanceJson.Default.ListString);
    }

    private GridDefinition? ReadGrid()
    {
        if (Text(Keys.GridFingerprint) is not { } fingerprint) return null;
        var parameters = new List<GridParameter>();
        if (Text(Keys.GridParameters) is { } list)
            foreach (string name in JsonSerializer.Deserialize(list, ProvenanceJson.Default.ListString) ?? new List<string>())
            {
                GridParameterJson? json = Text(Keys.GridParameterPrefix + name) is { } text ? JsonSerializer.Deserialize(text, ProvenanceJson.Default.GridParameterJson) : null;
                parameters.Add(new GridParameter(name, json?.Type ?? "?", json?.Count ?? 0, json?.Values ?? new List<string>()));
            }
        return new GridDefinition(Int(Keys.GridSize) ?? 0, parameters, fingerprint);
    }

    private static void WriteData(Dictionary<string, string> entries, DataIdentity data)
    {
        entries[Keys.DataSource] = data.Source;
        entries[Keys.DataFingerprint] = data.Fingerprint;
        var symbols = new Dictionary<string, string>();
        for (int i = 0; i < data.Symbols.Count; i++) symbols[i.ToString(CultureInfo.InvariantCulture)] = data.Symbols[i];
        entries[Keys.DataSymbols] = JsonSerializer.Serialize(symbols, ProvenanceJson.Default.DictionaryStringString);
        if (data.FirstTimeNs is { } first) entries[Keys.DataFirstTime] = first.ToString(CultureInfo.InvariantCulture);
        if (data.LastTimeNs is { } last) entries[Keys.DataLastTime] = last.ToString(CultureInfo.InvariantCulture);
        entries[Keys.DataTrades] = data.Trades.ToString(CultureInfo.InvariantCulture);
        entries[Keys.DataQuotes] = data.Quotes.ToString(CultureInfo.InvariantCulture);
        entries[Keys.DataBars] = data.Bars.ToString(CultureInfo.InvariantCulture);
        entries[Keys.DataSegments] = data.Segments.ToString(CultureInfo.InvariantCulture);
    }

    private DataIdentity? ReadData()
    {
        if (Text(Keys.DataFingerprint) is not { } fingerprint) return null;
        var symbols = new List<string>();
        if (Text(Keys.DataSymbols) is { } json)
        {
            Dictionary<string, string> byId = JsonSerializer.Deserialize(json, ProvenanceJson.Default.DictionaryStringString) ?? new();
            for (int i = 0; byId.TryGetValue(i.ToString(CultureInfo.InvariantCulture), out string? name); i++) symbols.Add(name);
        }
        return new DataIdentity(Text(Keys.DataSource) ?? "", symbols, Int(Keys.DataFirstTime), Int(Keys.DataLastTime),
            Int(Keys.DataTrades) ?? 0, Int(Keys.DataQuotes) ?? 0, Int(Keys.DataBars) ?? 0, (int)(Int(Keys.DataSegments) ?? 1), fingerprint);
    }

    private string? Text(string key) => _entries.TryGetValue(key, out string? value) ? value : null;

    private long? Int(string key) =>
        Text(key) is { } text && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) ? value : null;
}
