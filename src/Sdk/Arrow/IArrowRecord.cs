using Apache.Arrow;

namespace Backtester.Arrow;

/// <summary>Implemented by the generator on every <see cref="ArrowRecordAttribute"/> record.</summary>
/// <typeparam name="TSelf">The record type.</typeparam>
public interface IArrowRecord<TSelf> where TSelf : struct, IArrowRecord<TSelf>
{
    /// <summary>The Arrow schema of a table of these records, built once.</summary>
    static abstract Schema ArrowSchema { get; }

    /// <summary>
    /// The name of a table of these records: the stem of the file a run writes them to. The type name in snake_case
    /// unless <see cref="ArrowRecordAttribute.TableName"/> says otherwise; the generator checks that it is unique.
    /// </summary>
    static abstract string TableName { get; }

    /// <summary>A new, empty column set for these records.</summary>
    static abstract IArrowColumns<TSelf> CreateColumns();
}
