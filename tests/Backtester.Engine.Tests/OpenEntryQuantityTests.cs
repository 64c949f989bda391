using Backtester.Infrastructure;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// <see cref="OpenOrdersView.OpenEntryQuantity"/>: a second running total kept at send, change and close that leaves
/// out reduce-only orders, next to the total of every order.
/// </summary>
public class OpenEntryQuantityTests
{
    [Fact]
    public void Reduce_only_orders_count_in_the_open_quantity_but_not_in_the_entry_quantity()
    {
        var view = new OpenOrdersView();
        view.Reset(2);
        view.Opened(0, 3, reduceOnly: false);      // entry buy 3
        view.Opened(0, -2, reduceOnly: true);      // protective sell 2
        view.Opened(1, -5, reduceOnly: false);     // other symbol
        Assert.Equal(1, view.OpenQuantity(0));     // 3 - 2
        Assert.Equal(3, view.OpenEntryQuantity(0));
        Assert.Equal(-5, view.OpenEntryQuantity(1));

        view.Changed(0, -1, reduceOnly: false);    // 1 of the entry filled: 2 left
        view.Changed(0, 0.5, reduceOnly: true);    // the stop amended down to 1.5
        Assert.Equal(0.5, view.OpenQuantity(0));   // 2 - 1.5
        Assert.Equal(2, view.OpenEntryQuantity(0));

        view.Closed(0, 2, reduceOnly: false);      // entry cancelled with 2 left
        Assert.Equal(-1.5, view.OpenQuantity(0));
        Assert.Equal(0, view.OpenEntryQuantity(0));
        view.Closed(0, -1.5, reduceOnly: true);
        Assert.Equal(0, view.OpenQuantity(0));
        Assert.Equal(0, view.OpenOrders(0));
        Assert.Equal(0, view.OpenEntryQuantity(7)); // unknown symbol
    }

    [Fact]
    public void The_entry_total_is_exactly_zero_once_its_last_entry_order_closes_even_with_a_reduce_only_order_open()
    {
        var view = new OpenOrdersView();
        view.Reset(1);
        view.Opened(0, 0.1, reduceOnly: false);
        view.Opened(0, 0.2, reduceOnly: false);
        view.Opened(0, -0.3, reduceOnly: true);
        view.Closed(0, 0.1, reduceOnly: false);
        view.Closed(0, 0.2, reduceOnly: false);    // 0.1 + 0.2 - 0.1 - 0.2 leaves dust in floating point; the count resets it
        Assert.Equal(0.0, view.OpenEntryQuantity(0));
        Assert.Equal(1, view.OpenOrders(0));
    }
}
