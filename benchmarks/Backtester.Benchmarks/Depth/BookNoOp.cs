namespace Backtester.Benchmarks.Depth;

/// <summary>A strategy that handles every book update and does nothing: the cost of the depth replay itself.</summary>
[Strategy]
public partial class BookNoOp
{
    [OnBook]
    private void OnBook(in BookUpdate update) { }
}
