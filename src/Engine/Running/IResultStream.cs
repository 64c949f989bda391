namespace Backtester;

/// <summary>
/// Where a run's statistics and logs send the records they produce (equity samples, fills), so that they know
/// nothing of files: output subscribes by handing in a stream (today an Arrow file writer), and a run without output
/// hands in none. Called per fill and per equity sample, never per event.
/// </summary>
internal interface IResultStream<TRecord> where TRecord : struct
{
    /// <summary>Takes one record; the stream copies what it keeps.</summary>
    void Append(in TRecord record);
}
