using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Backtester.Arrow;
using Backtester.Infrastructure;
using Backtester.Results;

namespace Backtester.Results;

/// <summary>
/// The open result files of one run (see <see cref="RunOutput"/>). Also the run's <see cref="RecordSink"/>: a record
/// type's file is opened the first time the strategy logs one. <see cref="Complete"/> writes the summary and renames
/// every file into place; disposing without completing deletes them all.
/// </summary>
internal sealed class RunFiles : RecordSink, IDisposable
{
    private readonly RunOutput _output;
    private readonly ResultMetadata _provenance;
    private readonly Dictionary<Type, IDisposable> _records = new();
    private readonly List<Action> _completions = new();

    /// <summary>Opens the run's files; every file's metadata is <paramref name="provenance"/> with its table's name.</summary>
    public RunFiles(RunOutput output, ResultMetadata provenance)
    {
        output.Validate();
        _output = output;
        _provenance = provenance;
        try
        {
            if (output.Fills) Fills = Open<Fill>("fills.arrow");
            if (output.Equity) Equity = Open<EquitySample>("equity.arrow");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public ArrowRecordFileWriter<Fill>? Fills { get; }

    public ArrowRecordFileWriter<EquitySample>? Equity { get; }

    public override void Write<TRecord>(in TRecord record)
    {
        if (!_records.TryGetValue(typeof(TRecord), out IDisposable? writer))
        {
            writer = Open<TRecord>(FileNameOf(typeof(TRecord)));
            _records.Add(typeof(TRecord), writer);
        }
        ((ArrowRecordFileWriter<TRecord>)writer).Append(in record);
    }

    public void Complete(in BacktestSummary summary)
    {
        foreach (Action complete in _completions) complete();
        using var file = new ArrowRecordFileWriter<BacktestSummary>(Path.Combine(_output.Directory, "summary.arrow"), MetadataFor("summary.arrow"), _output.Arrow);
        file.Append(in summary);
        file.Complete();
    }

    public void Dispose()
    {
        Fills?.Dispose();
        Equity?.Dispose();
        foreach (IDisposable writer in _records.Values) writer.Dispose();
    }

    private ArrowRecordFileWriter<TRecord> Open<TRecord>(string fileName) where TRecord : struct, IArrowRecord<TRecord>
    {
        var writer = new ArrowRecordFileWriter<TRecord>(Path.Combine(_output.Directory, fileName), MetadataFor(fileName), _output.Arrow);
        _completions.Add(writer.Complete);
        return writer;
    }

    /// <summary>The provenance with <see cref="ResultMetadata.Keys.Table"/> set to the file's name without <c>.arrow</c>.</summary>
    private IReadOnlyDictionary<string, string> MetadataFor(string fileName) =>
        _provenance.With(ResultMetadata.Keys.Table, Path.GetFileNameWithoutExtension(fileName)).Entries;

    /// <summary><c>SignalSnapshot</c> → <c>signal_snapshot.arrow</c>.</summary>
    internal static string FileNameOf(Type type)
    {
        string name = type.Name;
        var snake = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool afterLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool endsAcronym = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (afterLowerOrDigit || endsAcronym) snake.Append('_');
                snake.Append(char.ToLowerInvariant(c));
            }
            else snake.Append(c);
        }
        return snake.Append(".arrow").ToString();
    }
}
