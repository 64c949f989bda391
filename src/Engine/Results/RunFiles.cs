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
    private readonly Dictionary<string, string> _metadata;
    private readonly Dictionary<Type, IDisposable> _records = new();
    private readonly List<Func<AtomicFile>> _finishers = new();

    public RunFiles(RunOutput output, string dataSource)
    {
        output.Validate();
        _output = output;
        _metadata = ResultMetadata.Merge(output.Metadata, dataSource);
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
        using var summaryFile = new ArrowRecordFileWriter<BacktestSummary>(Path.Combine(_output.Directory, "summary.arrow"), _metadata, _output.Arrow);
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
        var writer = new ArrowRecordFileWriter<TRecord>(Path.Combine(_output.Directory, fileName), _metadata, _output.Arrow);
        _finishers.Add(writer.Finish);
        return writer;
    }
}
