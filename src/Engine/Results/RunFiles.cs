using System;
using System.Collections.Generic;
using System.IO;
using Backtester.Arrow;
using Backtester.Infrastructure;
using Backtester.Results;

namespace Backtester.Results;

/// <summary>
/// The open result files of one run (see <see cref="RunOutput"/>). Also the run's <see cref="RecordSink"/>: a record
/// type's file is opened the first time the strategy logs one. <see cref="Complete"/> writes the summary and renames
/// every file into place together; disposing without completing deletes them all.
/// </summary>
internal sealed class RunFiles : RecordSink, IDisposable
{
    private readonly RunOutput _output;
    private readonly ResultMetadata _provenance;
    private readonly Dictionary<Type, IDisposable> _records = new();
    private readonly List<Func<AtomicFile>> _finishers = new();

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
            writer = Open<TRecord>(TRecord.TableName + ".arrow");
            _records.Add(typeof(TRecord), writer);
        }
        ((ArrowRecordFileWriter<TRecord>)writer).Append(in record);
    }

    /// <summary>
    /// Finishes every file under its temporary name, then renames them all into place with the summary last
    /// (<see cref="AtomicFile.CommitTogether"/>): the run's files appear together or, when anything fails, not at all.
    /// </summary>
    public void Complete(in BacktestSummary summary)
    {
        using var summaryFile = new ArrowRecordFileWriter<BacktestSummary>(Path.Combine(_output.Directory, "summary.arrow"), MetadataFor("summary.arrow"), _output.Arrow);
        summaryFile.Append(in summary);
        var files = new List<AtomicFile>(_finishers.Count + 1);
        foreach (Func<AtomicFile> finish in _finishers) files.Add(finish());
        files.Add(summaryFile.Finish());
        AtomicFile.CommitTogether(files);
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
        _finishers.Add(writer.Finish);
        return writer;
    }

    /// <summary>The provenance with <see cref="ResultMetadata.Keys.Table"/> set to the file's name without <c>.arrow</c>.</summary>
    private IReadOnlyDictionary<string, string> MetadataFor(string fileName) =>
        _provenance.With(ResultMetadata.Keys.Table, Path.GetFileNameWithoutExtension(fileName)).Entries;
}
