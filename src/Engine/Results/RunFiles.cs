using System;
using System.Collections.Generic;
using System.IO;
using Backtester.Arrow;
using Backtester.Infrastructure;
using Backtester.Results;

namespace Backtester.Results;

/// <summary>
/// The open result files of one run (see <see cref="RunOutput"/>). Also the run's <see cref="RecordSink"/>: a record
/// type's file is opened the first time the strategy logs one. <see cref="Complete"/> writes the files known only at the
/// end (<see cref="Completing"/>: orders, round trips, symbols), the summary, converts them all to
/// <see cref="RunOutput.Format"/>, and renames every file into place together; disposing without completing deletes them all.
/// </summary>
internal sealed class RunFiles : RecordSink, IDisposable
{
    private readonly RunOutput _output;
    private ResultMetadata _provenance;
    private readonly Dictionary<Type, IDisposable> _records = new();
    private readonly List<IDisposable> _tables = new();
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

    /// <summary>What and where the run writes.</summary>
    public RunOutput Output => _output;

    public ArrowRecordFileWriter<Fill>? Fills { get; }

    public ArrowRecordFileWriter<EquitySample>? Equity { get; }

    /// <summary>
    /// Called by <see cref="Complete"/> before the summary is written, to add the tables known only once the replay is
    /// over with <see cref="Add{TRecord}"/> (<c>Backtest.Run</c>'s journal files), so they join the one commit.
    /// </summary>
    public Action<RunFiles>? Completing { get; init; }

    public override void Write<TRecord>(in TRecord record)
    {
        if (!_records.TryGetValue(typeof(TRecord), out IDisposable? writer))
        {
            writer = Open<TRecord>(TRecord.TableName + ".arrow");
            _records.Add(typeof(TRecord), writer);
        }
        ((ArrowRecordFileWriter<TRecord>)writer).Append(in record);
    }

    /// <summary>Writes <paramref name="rows"/> as the table <paramref name="fileName"/> of the set, committed with the others.</summary>
    public void Add<TRecord>(string fileName, IEnumerable<TRecord> rows) where TRecord : struct, IArrowRecord<TRecord>
    {
        ArrowRecordFileWriter<TRecord> writer = Open<TRecord>(fileName);
        _tables.Add(writer);
        foreach (TRecord row in rows) writer.Append(in row);
    }

    /// <summary>
    /// Adds the <see cref="Completing"/> tables and the summary, finishes every file under its temporary name, converts
    /// them to the output's format (still under temporary names), then renames them all into place with the summary last
    /// (<see cref="AtomicFile.CommitTogether"/>): the run's files appear together or, when anything fails, not at all.
    /// <paramref name="warning"/>, one known only once the replay is over (<see cref="Annualization.ShortHistoryWarning"/>),
    /// joins the provenance's warnings in the metadata of the tables written from here on, the summary's among them.
    /// </summary>
    public void Complete(in BacktestSummary summary, string? warning = null)
    {
        if (warning is not null)
        {
            string? before = _provenance.Entries.TryGetValue(ResultMetadata.Keys.Warnings, out string? earlier) ? earlier : null;
            _provenance = _provenance.With(ResultMetadata.Keys.Warnings, before is null ? warning : before + "\n" + warning);
        }
        Completing?.Invoke(this);
        using var summaryFile = new ArrowRecordFileWriter<BacktestSummary>(Path.Combine(_output.Directory, "summary.arrow"), MetadataFor("summary.arrow"), _output.Arrow);
        summaryFile.Append(in summary);
        var files = new List<AtomicFile>(_finishers.Count + 1);
        foreach (Func<AtomicFile> finish in _finishers) files.Add(finish());
        files.Add(summaryFile.Finish());
        if (_output.Format == ResultFormat.Arrow)
        {
            AtomicFile.CommitTogether(files);
            return;
        }
        // The Arrow files are temporary and deleted when their writers are disposed; only the converted files are renamed.
        var converted = new List<AtomicFile>(files.Count);
        try
        {
            foreach (AtomicFile file in files) converted.Add(ResultFiles.ConvertSealed(file, _output.Format));
            AtomicFile.CommitTogether(converted);
        }
        finally
        {
            foreach (AtomicFile file in converted) file.Dispose();
        }
    }

    public void Dispose()
    {
        Fills?.Dispose();
        Equity?.Dispose();
        foreach (IDisposable writer in _records.Values) writer.Dispose();
        foreach (IDisposable writer in _tables) writer.Dispose();
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
