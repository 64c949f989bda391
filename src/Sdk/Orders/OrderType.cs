namespace Backtester;

/// <summary>How an order executes.</summary>
public enum OrderType : byte
{
    /// <summary>Executes at the best available price once it reaches the venue.</summary>
    Market = 0,
}
