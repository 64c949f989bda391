using Apache.Arrow;

namespace Backtester.Arrow;

/// <summary>Implemented by the generator on every <see cref="ArrowRecordAttribute"/> record.</summary>
/// <typeparam name="TSelf">The record type.</typeparam>
public interface IArrowRecord<TSelf> where TSelf : struct, IArrowRecord<TSelf>
{
    /// <summary>The Arrow schema of a table of these records, built once.</summary>
    static abstract Schema ArrowSchema { get; }

    /// <summary>A new, empty column set for these records.</summary>
    static abstract IArrowColumns<TSelf> CreateColumns();
}
