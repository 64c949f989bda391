using System.ComponentModel;
namespace Backtester.Infrastructure;

/// <summary>
/// The engine's answer to "how much is still on order?": implemented by the simulated venue, read through
/// <see cref="Orders.OpenQuantity"/>. Strategy code does not use it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class OpenOrdersView
{
    /// <summary>
    /// The signed quantity (positive buys, negative sells) of <paramref name="symbolId"/>'s orders that the venue holds
    /// and that can still fill: requests on their way to the venue and the unfilled part of working orders.
    /// </summary>
    public abstract double OpenQuantity(int symbolId);

    /// <summary>
    /// Like <see cref="OpenQuantity"/> without reduce-only orders: the entry orders that change the position the
    /// strategy aims at, not the protective stops and targets that only close it.
    /// </summary>
    public abstract double OpenEntryQuantity(int symbolId);
}
