using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Backtester.Arrow;
using Backtester.Infrastructure;

namespace Backtester;

/// <summary>
/// What a strategy handler uses to send orders, cancels and amends and to read its positions. A handle passed by
/// value into handlers; it does not allocate. Requests reach the simulated venue after the configured latency and
/// act only on later events (no look-ahead). Nothing here throws for a bad request: the venue reports it to the
/// strategy's <c>OnOrder</c> handler as <see cref="OrderStatus.Rejected"/> (a new order), <see cref="OrderStatus.CancelRejected"/>
/// or <see cref="OrderStatus.AmendRejected"/> with a <see cref="RejectReason"/>.
/// </summary>
/// <remarks>
/// Overloads without a symbol id act on the symbol of the event being handled. Prices are in quote currency;
/// quantities are positive (the side gives the direction).
/// </remarks>
public readonly struct Orders
{
    private readonly OrderGateway _gateway;

    /// <summary>Wraps an engine's gateway.</summary>
    public Orders(OrderGateway gateway) => _gateway = gateway;

    /// <summary>Time of the event being handled, in nanoseconds since the Unix epoch, UTC.</summary>
    public long Time => _gateway.Time;

    /// <summary>The symbol of the event being handled (-1 in start/finish handlers).</summary>
    public int SymbolId => _gateway.SymbolId;

    /// <summary>Number of symbols in the data; symbol ids run from 0 to SymbolCount − 1.</summary>
    public int SymbolCount => _gateway.SymbolCount;

    /// <summary>
    /// The position in the current event's symbol: positive long, negative short, 0 flat. With a response latency it is
    /// the position as the fills heard so far leave it (the account itself books fills when they happen).
    /// </summary>
    public double Position
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _gateway.PositionOf(_gateway.SymbolId);
    }

    /// <summary>
    /// The signed quantity still on order in the current event's symbol: orders on their way to the venue (including
    /// those sent in this handler) and the unfilled part of working orders. With latency, size new orders against
    /// <c>Position + OpenQuantity</c>, not <see cref="Position"/> alone, which lags what is already on its way.
    /// A cancel in flight does not reduce it: the order can still fill until the cancel arrives. It includes reduce-only
    /// orders; <see cref="TargetPosition(double)"/> and <see cref="OpenEntryQuantity"/> leave those out.
    /// </summary>
    public double OpenQuantity
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _gateway.OpenQuantityOf(_gateway.SymbolId);
    }

    /// <summary>The signed quantity still on order in <paramref name="symbolId"/> (see <see cref="OpenQuantity"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double OpenQuantityOf(int symbolId) => _gateway.OpenQuantityOf(symbolId);

    /// <summary>
    /// The signed quantity of entry orders still on order in the current event's symbol: <see cref="OpenQuantity"/>
    /// without reduce-only orders (stop-losses and take-profits that only close the position).
    /// </summary>
    public double OpenEntryQuantity => _gateway.OpenEntryQuantityOf(_gateway.SymbolId);

    /// <summary>
    /// Moves the position in the current event's symbol to <paramref name="quantity"/> (signed: positive long, negative
    /// short, 0 flat) with one market order for the difference, as Lean's <c>SetHoldings</c> does with a quantity. The
    /// difference is taken from <see cref="Position"/> plus <see cref="OpenEntryQuantity"/>: orders on their way and
    /// working entry orders count, reduce-only protective orders do not, so calling it on every event with the same
    /// target sends one order, and a resting stop-loss does not make it buy again. Returns the order's id, or 0 when
    /// the position and entry orders already add up to the target (within 1e-9 of it, relative).
    /// </summary>
    /// <param name="quantity">The signed position wanted; a non-finite value is sent on, and rejected by the venue.</param>
    public long TargetPosition(double quantity) => TargetPosition(_gateway.SymbolId, quantity);

    /// <summary>Moves the position in <paramref name="symbolId"/> to <paramref name="quantity"/> (see <see cref="TargetPosition(double)"/>).</summary>
    public long TargetPosition(int symbolId, double quantity)
    {
        double delta = quantity - (_gateway.PositionOf(symbolId) + _gateway.OpenEntryQuantityOf(symbolId));
        // An infinite target has an infinite difference, which the relative test would take as "already there".
        if (double.IsFinite(delta) && Math.Abs(delta) <= 1e-9 * Math.Max(1, Math.Abs(quantity))) return 0;
        return _gateway.Place(symbolId, delta < 0 ? Side.Sell : Side.Buy, OrderType.Market, TimeInForce.Gtc, double.IsFinite(delta) ? Math.Abs(delta) : delta, double.NaN, double.NaN, reduceOnly: false);
    }

    /// <summary>The position in <paramref name="symbolId"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double PositionOf(int symbolId) => _gateway.PositionOf(symbolId);

    /// <summary>Places a market order in the current event's symbol and returns its id.</summary>
    /// <param name="side">Buy or sell.</param>
    /// <param name="quantity">Positive, finite quantity.</param>
    /// <param name="timeInForce">What happens to a part that cannot fill at once (only matters when fills are bounded by displayed size).</param>
    /// <param name="reduceOnly">Only reduce the position: rejected if it would open or add, clipped to the position when it fills.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Market(Side side, double quantity, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.Place(_gateway.SymbolId, side, OrderType.Market, timeInForce, quantity, double.NaN, double.NaN, reduceOnly);

    /// <summary>Places a market order in <paramref name="symbolId"/> and returns its id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Market(int symbolId, Side side, double quantity, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.Place(symbolId, side, OrderType.Market, timeInForce, quantity, double.NaN, double.NaN, reduceOnly);

    /// <summary>Places a limit order in the current event's symbol and returns its id.</summary>
    /// <param name="side">Buy or sell.</param>
    /// <param name="quantity">Positive, finite quantity.</param>
    /// <param name="price">The limit: the highest price a buy pays, the lowest a sell accepts.</param>
    /// <param name="timeInForce">GTC (default), IOC, FOK, or PostOnly (maker only).</param>
    /// <param name="reduceOnly">Only reduce the position.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Limit(Side side, double quantity, double price, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.Place(_gateway.SymbolId, side, OrderType.Limit, timeInForce, quantity, price, double.NaN, reduceOnly);

    /// <summary>Places a limit order in <paramref name="symbolId"/> and returns its id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Limit(int symbolId, Side side, double quantity, double price, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.Place(symbolId, side, OrderType.Limit, timeInForce, quantity, price, double.NaN, reduceOnly);

    /// <summary>
    /// Places a stop order in the current event's symbol and returns its id: once a trade prints at or above
    /// <paramref name="stopPrice"/> (buy) or at or below it (sell), it executes as a market order. That is the default
    /// trigger; the run's <c>BacktestOptions.StopTrigger</c> may choose the touch or the mark price instead, and the
    /// overload taking a <see cref="StopTrigger"/> chooses for this order alone.
    /// </summary>
    /// <param name="side">Buy or sell.</param>
    /// <param name="quantity">Positive, finite quantity.</param>
    /// <param name="stopPrice">The trigger price.</param>
    /// <param name="timeInForce">Applies from the trigger on.</param>
    /// <param name="reduceOnly">Only reduce the position (the usual setting for a stop-loss).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Stop(Side side, double quantity, double stopPrice, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.Place(_gateway.SymbolId, side, OrderType.Stop, timeInForce, quantity, double.NaN, stopPrice, reduceOnly);

    /// <summary>Places a stop order in <paramref name="symbolId"/> and returns its id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Stop(int symbolId, Side side, double quantity, double stopPrice, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.Place(symbolId, side, OrderType.Stop, timeInForce, quantity, double.NaN, stopPrice, reduceOnly);

    /// <summary>
    /// Places a stop order in the current event's symbol that triggers on <paramref name="trigger"/>'s prices, whatever
    /// the run's trigger, and returns its id: <see cref="StopTrigger.LastPrice"/> a trade at or through
    /// <paramref name="stopPrice"/> (a bar by its range), <see cref="StopTrigger.BidAsk"/> the touch (a buy on the ask at
    /// or above it, a sell on the bid at or below it), <see cref="StopTrigger.MarkPrice"/> the exchange's mark price. Then
    /// it executes as a market order. Binance's <c>workingType</c>. The trigger stays the order's through amends.
    /// </summary>
    /// <param name="side">Buy or sell.</param>
    /// <param name="quantity">Positive, finite quantity.</param>
    /// <param name="stopPrice">The trigger price.</param>
    /// <param name="trigger">Which prices trigger it. A value the venue does not know is rejected (<see cref="RejectReason.Unsupported"/>).</param>
    /// <param name="timeInForce">Applies from the trigger on.</param>
    /// <param name="reduceOnly">Only reduce the position (the usual setting for a stop-loss).</param>
    /// <example><code>orders.Stop(Side.Sell, 1, 95, StopTrigger.MarkPrice, reduceOnly: true); // a stop-loss a wick does not set off</code></example>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The trigger is a required parameter of a type no other overload takes at its place, so no call binds to two overloads.")]
    public long Stop(Side side, double quantity, double stopPrice, StopTrigger trigger, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.Place(_gateway.SymbolId, side, OrderType.Stop, timeInForce, quantity, double.NaN, stopPrice, reduceOnly, trigger);

    /// <summary>Places a stop order in <paramref name="symbolId"/> that triggers on <paramref name="trigger"/>'s prices (see <see cref="Stop(Side, double, double, StopTrigger, TimeInForce, bool)"/>) and returns its id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The trigger is a required parameter of a type no other overload takes at its place, so no call binds to two overloads.")]
    public long Stop(int symbolId, Side side, double quantity, double stopPrice, StopTrigger trigger, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.Place(symbolId, side, OrderType.Stop, timeInForce, quantity, double.NaN, stopPrice, reduceOnly, trigger);

    /// <summary>
    /// Places a stop-limit order in the current event's symbol and returns its id: once a trade prints at or through
    /// <paramref name="stopPrice"/>, it works as a limit order at <paramref name="limitPrice"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long StopLimit(Side side, double quantity, double stopPrice, double limitPrice, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.Place(_gateway.SymbolId, side, OrderType.StopLimit, timeInForce, quantity, limitPrice, stopPrice, reduceOnly);

    /// <summary>Places a stop-limit order in <paramref name="symbolId"/> and returns its id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long StopLimit(int symbolId, Side side, double quantity, double stopPrice, double limitPrice, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.Place(symbolId, side, OrderType.StopLimit, timeInForce, quantity, limitPrice, stopPrice, reduceOnly);

    /// <summary>
    /// Places a stop-limit order in the current event's symbol that triggers on <paramref name="trigger"/>'s prices (as
    /// <see cref="Stop(Side, double, double, StopTrigger, TimeInForce, bool)"/>), then works as a limit order at
    /// <paramref name="limitPrice"/>; returns its id. The trigger stays the order's through amends.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The trigger is a required parameter of a type no other overload takes at its place, so no call binds to two overloads.")]
    public long StopLimit(Side side, double quantity, double stopPrice, double limitPrice, StopTrigger trigger, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.Place(_gateway.SymbolId, side, OrderType.StopLimit, timeInForce, quantity, limitPrice, stopPrice, reduceOnly, trigger);

    /// <summary>Places a stop-limit order in <paramref name="symbolId"/> that triggers on <paramref name="trigger"/>'s prices and returns its id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The trigger is a required parameter of a type no other overload takes at its place, so no call binds to two overloads.")]
    public long StopLimit(int symbolId, Side side, double quantity, double stopPrice, double limitPrice, StopTrigger trigger, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.Place(symbolId, side, OrderType.StopLimit, timeInForce, quantity, limitPrice, stopPrice, reduceOnly, trigger);

    /// <summary>
    /// Places a trailing stop in the current event's symbol and returns its id (Binance's <c>TRAILING_STOP_MARKET</c>,
    /// nautilus_trader's <c>TrailingStopMarket</c>): a sell keeps its stop at the highest trigger price seen since it
    /// started trailing less <paramref name="offset"/> (the stop never moves down), a buy at the lowest plus it (never up);
    /// once the trigger price reaches the stop it executes as a market order, as a triggered
    /// <see cref="Stop(Side, double, double, TimeInForce, bool)"/> does. It trails the run's trigger prices
    /// (<c>BacktestOptions.StopTrigger</c>: trades and bars by default); the overload taking a <see cref="StopTrigger"/>
    /// chooses for this order alone. docs/execution.md, "Trailing stops".
    /// </summary>
    /// <param name="side">Buy or sell.</param>
    /// <param name="quantity">Positive, finite quantity.</param>
    /// <param name="offset">How far the stop trails: <see cref="TrailingOffset.Price(double)"/> or <see cref="TrailingOffset.Fraction(double)"/>. Not positive and finite (or a fraction not below 1): rejected, <see cref="RejectReason.InvalidPrice"/>.</param>
    /// <param name="activationPrice">Trail only from the first trigger price at or above it (sell) or at or below it (buy); null: from the first trigger price. Not positive and finite: rejected, <see cref="RejectReason.InvalidPrice"/>.</param>
    /// <param name="timeInForce">Applies from the trigger on (post-only is refused, as for stops).</param>
    /// <param name="reduceOnly">Only reduce the position (the usual setting for a trailing stop-loss).</param>
    /// <example><code>orders.TrailingStop(Side.Sell, 1, TrailingOffset.Fraction(0.01), reduceOnly: true); // sells 1 % below the best price since</code></example>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by a required leading symbol id or a required trigger of a type no other overload takes at its place, so no call binds to two overloads.")]
    public long TrailingStop(Side side, double quantity, TrailingOffset offset, double? activationPrice = null, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.PlaceTrailingStop(_gateway.SymbolId, side, timeInForce, quantity, offset, activationPrice, reduceOnly, null);

    /// <summary>Places a trailing stop in <paramref name="symbolId"/> (see <see cref="TrailingStop(Side, double, TrailingOffset, double?, TimeInForce, bool)"/>) and returns its id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by a required leading symbol id or a required trigger of a type no other overload takes at its place, so no call binds to two overloads.")]
    public long TrailingStop(int symbolId, Side side, double quantity, TrailingOffset offset, double? activationPrice = null, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.PlaceTrailingStop(symbolId, side, timeInForce, quantity, offset, activationPrice, reduceOnly, null);

    /// <summary>
    /// Places a trailing stop in the current event's symbol that trails and triggers on <paramref name="trigger"/>'s
    /// prices, whatever the run's trigger (see <see cref="TrailingStop(Side, double, TrailingOffset, double?, TimeInForce, bool)"/>):
    /// <see cref="StopTrigger.LastPrice"/> trades and bars, <see cref="StopTrigger.BidAsk"/> the touch (a buy the ask, a
    /// sell the bid), <see cref="StopTrigger.MarkPrice"/> the exchange's mark price. Returns its id.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by a required leading symbol id or a required trigger of a type no other overload takes at its place, so no call binds to two overloads.")]
    public long TrailingStop(Side side, double quantity, TrailingOffset offset, StopTrigger trigger, double? activationPrice = null, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.PlaceTrailingStop(_gateway.SymbolId, side, timeInForce, quantity, offset, activationPrice, reduceOnly, trigger);

    /// <summary>Places a trailing stop in <paramref name="symbolId"/> on <paramref name="trigger"/>'s prices (see <see cref="TrailingStop(Side, double, TrailingOffset, StopTrigger, double?, TimeInForce, bool)"/>) and returns its id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by a required leading symbol id or a required trigger of a type no other overload takes at its place, so no call binds to two overloads.")]
    public long TrailingStop(int symbolId, Side side, double quantity, TrailingOffset offset, StopTrigger trigger, double? activationPrice = null, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.PlaceTrailingStop(symbolId, side, timeInForce, quantity, offset, activationPrice, reduceOnly, trigger);

    /// <summary>
    /// Places a trailing stop-limit in the current event's symbol and returns its id (nautilus_trader's
    /// <c>TrailingStopLimit</c>, IB's and Kraken's trailing stop limit): its stop trails as a
    /// <see cref="TrailingStop(Side, double, TrailingOffset, double?, TimeInForce, bool)"/>'s does, and its limit price
    /// follows the stop <paramref name="limitOffset"/> away (a sell's at the stop less it, a buy's at the stop plus it). Once
    /// the trigger price reaches the stop it works as a limit order at that limit price, as a triggered
    /// <see cref="StopLimit(Side, double, double, double, TimeInForce, bool)"/> does: it takes at once, as a taker, what is
    /// within its limit, and otherwise rests there as a maker. It trails the run's trigger prices
    /// (<c>BacktestOptions.StopTrigger</c>); the overload taking a <see cref="StopTrigger"/> chooses for this order alone.
    /// docs/execution.md, "Trailing stops".
    /// </summary>
    /// <param name="side">Buy or sell.</param>
    /// <param name="quantity">Positive, finite quantity.</param>
    /// <param name="offset">How far the stop trails: <see cref="TrailingOffset.Price(double)"/> or <see cref="TrailingOffset.Fraction(double)"/>. Not positive and finite (or a fraction not below 1): rejected, <see cref="RejectReason.InvalidPrice"/>.</param>
    /// <param name="limitOffset">The limit price's distance from the stop, in quote currency: 0 puts the limit at the stop, a positive offset beyond it (a sell's lower, a buy's higher: room to fill in a fast market), a negative one on the near side (a sell's higher: it rests as a maker when triggered). Not finite: rejected, <see cref="RejectReason.InvalidPrice"/>.</param>
    /// <param name="activationPrice">Trail only from the first trigger price at or above it (sell) or at or below it (buy); null: from the first trigger price. Not positive and finite: rejected, <see cref="RejectReason.InvalidPrice"/>.</param>
    /// <param name="timeInForce">Applies from the trigger on, as for a stop-limit (post-only: cancelled if the limit would take when it triggers).</param>
    /// <param name="reduceOnly">Only reduce the position (the usual setting for a trailing stop-loss).</param>
    /// <example><code>orders.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(2), limitOffset: 0.5, reduceOnly: true); // sells at most 0.5 below its stop</code></example>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by a required leading symbol id or a required trigger of a type no other overload takes at its place, so no call binds to two overloads.")]
    public long TrailingStopLimit(Side side, double quantity, TrailingOffset offset, double limitOffset, double? activationPrice = null, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.PlaceTrailingStopLimit(_gateway.SymbolId, side, timeInForce, quantity, offset, limitOffset, activationPrice, reduceOnly, null);

    /// <summary>Places a trailing stop-limit in <paramref name="symbolId"/> (see <see cref="TrailingStopLimit(Side, double, TrailingOffset, double, double?, TimeInForce, bool)"/>) and returns its id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by a required leading symbol id or a required trigger of a type no other overload takes at its place, so no call binds to two overloads.")]
    public long TrailingStopLimit(int symbolId, Side side, double quantity, TrailingOffset offset, double limitOffset, double? activationPrice = null, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.PlaceTrailingStopLimit(symbolId, side, timeInForce, quantity, offset, limitOffset, activationPrice, reduceOnly, null);

    /// <summary>
    /// Places a trailing stop-limit in the current event's symbol that trails and triggers on <paramref name="trigger"/>'s
    /// prices, whatever the run's trigger (see <see cref="TrailingStopLimit(Side, double, TrailingOffset, double, double?, TimeInForce, bool)"/>
    /// and <see cref="TrailingStop(Side, double, TrailingOffset, StopTrigger, double?, TimeInForce, bool)"/>). Returns its id.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by a required leading symbol id or a required trigger of a type no other overload takes at its place, so no call binds to two overloads.")]
    public long TrailingStopLimit(Side side, double quantity, TrailingOffset offset, double limitOffset, StopTrigger trigger, double? activationPrice = null, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.PlaceTrailingStopLimit(_gateway.SymbolId, side, timeInForce, quantity, offset, limitOffset, activationPrice, reduceOnly, trigger);

    /// <summary>Places a trailing stop-limit in <paramref name="symbolId"/> on <paramref name="trigger"/>'s prices (see <see cref="TrailingStopLimit(Side, double, TrailingOffset, double, StopTrigger, double?, TimeInForce, bool)"/>) and returns its id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by a required leading symbol id or a required trigger of a type no other overload takes at its place, so no call binds to two overloads.")]
    public long TrailingStopLimit(int symbolId, Side side, double quantity, TrailingOffset offset, double limitOffset, StopTrigger trigger, double? activationPrice = null, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        _gateway.PlaceTrailingStopLimit(symbolId, side, timeInForce, quantity, offset, limitOffset, activationPrice, reduceOnly, trigger);

    /// <summary>
    /// Places a bracket in the current event's symbol (nautilus_trader's <c>bracket()</c>, Binance's OTOCO): an entry
    /// (market when <paramref name="entryPrice"/> is null, else a limit at it) and two reduce-only exits on the other side,
    /// a take-profit limit at <paramref name="takeProfitPrice"/> and a stop-loss stop at <paramref name="stopLossPrice"/>
    /// (on the run's stop trigger). The three travel together, with one latency. The exits wait at the venue, not working,
    /// until the entry fills; they then work for what the entry filled (growing with each fill of it), and cancel each
    /// other: a fill of one reduces the other by as much, and once one is done the other is cancelled at that same event
    /// (<see cref="RejectReason.Contingency"/>). An entry cancelled or rejected with nothing filled cancels both. One order
    /// of the three refused at decision time refuses all three. docs/execution.md, "Contingent orders".
    /// </summary>
    /// <param name="side">The entry's side; the exits take the other.</param>
    /// <param name="quantity">Positive, finite quantity of the entry (and of each exit).</param>
    /// <param name="entryPrice">The entry's limit price; null for a market entry.</param>
    /// <param name="takeProfitPrice">The take-profit's limit price (above the entry for a buy, below for a sell).</param>
    /// <param name="stopLossPrice">The stop-loss's stop price (below the entry for a buy, above for a sell).</param>
    /// <param name="entryTimeInForce">The entry's time in force (the exits are GTC).</param>
    /// <returns>The ids of the entry, the take-profit and the stop-loss.</returns>
    /// <example><code>orders.Bracket(Side.Buy, 1, entryPrice: null, takeProfitPrice: 105, stopLossPrice: 95);</code></example>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by a required leading symbol id, so no call binds to two overloads.")]
    public BracketOrderIds Bracket(Side side, double quantity, double? entryPrice, double takeProfitPrice, double stopLossPrice, TimeInForce entryTimeInForce = TimeInForce.Gtc) =>
        Bracket(_gateway.SymbolId, side, quantity, entryPrice, takeProfitPrice, stopLossPrice, entryTimeInForce);

    /// <summary>Places a bracket in <paramref name="symbolId"/> (see <see cref="Bracket(Side, double, double?, double, double, TimeInForce)"/>).</summary>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by a required leading symbol id, so no call binds to two overloads.")]
    public BracketOrderIds Bracket(int symbolId, Side side, double quantity, double? entryPrice, double takeProfitPrice, double stopLossPrice, TimeInForce entryTimeInForce = TimeInForce.Gtc)
    {
        long entry = entryPrice is { } price
            ? _gateway.Place(symbolId, side, OrderType.Limit, entryTimeInForce, quantity, price, double.NaN, reduceOnly: false)
            : _gateway.Place(symbolId, side, OrderType.Market, entryTimeInForce, quantity, double.NaN, double.NaN, reduceOnly: false);
        Side exit = side == Side.Buy ? Side.Sell : Side.Buy;
        long takeProfit = _gateway.Place(symbolId, exit, OrderType.Limit, TimeInForce.Gtc, quantity, takeProfitPrice, double.NaN, reduceOnly: true);
        long stopLoss = _gateway.Place(symbolId, exit, OrderType.Stop, TimeInForce.Gtc, quantity, double.NaN, stopLossPrice, reduceOnly: true);
        _gateway.LinkOneTriggersOther(entry, takeProfit);
        _gateway.LinkOneTriggersOther(entry, stopLoss);
        _gateway.LinkOneCancelsOther(takeProfit, stopLoss);
        return new BracketOrderIds(entry, takeProfit, stopLoss);
    }

    /// <summary>
    /// Links two orders sent in this handler, of any type and the same symbol, so that they cancel each other (Binance's
    /// OCO, nautilus_trader's <c>ContingencyType.OCO</c>/<c>OUO</c>): they travel together, with one latency; a fill of one
    /// reduces the other by as much; once one is done (filled, or cancelled or rejected, by the strategy or the venue) the
    /// venue cancels the other at that same event, without a round trip (<see cref="RejectReason.Contingency"/>). Linking
    /// an order already linked to others adds the other order to its set. Orders not sent in this handler, or of different
    /// symbols, are rejected instead (<see cref="RejectReason.InvalidContingency"/>). docs/execution.md, "Contingent orders".
    /// </summary>
    /// <param name="firstOrderId">The id of one leg, as returned when it was placed in this handler.</param>
    /// <param name="secondOrderId">The id of the other leg.</param>
    /// <example><code>
    /// long takeProfit = orders.Limit(Side.Sell, 1, 105, reduceOnly: true);
    /// long stopLoss = orders.TrailingStop(Side.Sell, 1, TrailingOffset.Price(2), reduceOnly: true);
    /// orders.OneCancelsOther(takeProfit, stopLoss);
    /// </code></example>
    public void OneCancelsOther(long firstOrderId, long secondOrderId) => _gateway.LinkOneCancelsOther(firstOrderId, secondOrderId);

    /// <summary>
    /// Makes order <paramref name="childOrderId"/> wait until order <paramref name="parentOrderId"/> fills (both sent in this
    /// handler, in the same symbol; nautilus_trader's <c>ContingencyType.OTO</c>): they travel together; the child waits at
    /// the venue, not working and not counted as open, until the parent's first fill, and then works for its share of what
    /// the parent filled (its quantity × filled / the parent's quantity), growing with each later fill. A parent cancelled,
    /// rejected or expired with nothing filled cancels its children (<see cref="RejectReason.Contingency"/>). Children of one
    /// parent linked by <see cref="OneCancelsOther(long, long)"/> cancel each other once released, as a bracket's exits do.
    /// docs/execution.md, "Contingent orders".
    /// </summary>
    /// <param name="parentOrderId">The id of the order that must fill first.</param>
    /// <param name="childOrderId">The id of the order that waits for it; it may have one parent only, and may not be a parent itself.</param>
    public void OneTriggersOther(long parentOrderId, long childOrderId) => _gateway.LinkOneTriggersOther(parentOrderId, childOrderId);

    /// <summary>
    /// Asks the venue to cancel order <paramref name="orderId"/>. The cancel takes the order latency; the order may
    /// still fill meanwhile. The outcome arrives as a <see cref="OrderStatus.Cancelled"/> or <see cref="OrderStatus.CancelRejected"/>
    /// update (an id never issued: at once; an order already done: <see cref="RejectReason.OrderClosed"/> on arrival).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Cancel(long orderId) => _gateway.Cancel(orderId);

    /// <summary>
    /// Asks the venue to change a working order: <paramref name="price"/> replaces the limit price (the stop price of a
    /// stop order; a trailing stop's price cannot be amended, <see cref="RejectReason.Unsupported"/> on arrival), <paramref name="quantity"/> the total quantity (filled part included). Omit either to keep it.
    /// A price change or a larger quantity loses the order's queue position. Takes the order latency; the outcome
    /// arrives as an <see cref="OrderStatus.Amended"/> or <see cref="OrderStatus.AmendRejected"/> update; a rejected amend
    /// leaves the order working as it was. A price or quantity not positive and finite is refused at once, what depends on
    /// the order at the venue (filled meanwhile, closed, post-only crossing) on arrival.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Amend(long orderId, double? price = null, double? quantity = null) =>
        _gateway.Amend(orderId, price ?? double.NaN, quantity ?? double.NaN);

    /// <summary>
    /// Schedules a timer, in <c>[OnStart]</c> only: the strategy's <c>[OnTimer]</c> handler is then called at every
    /// data time <c>k × <paramref name="intervalNs"/> + <paramref name="offsetNs"/></c> (k whole) from the first event to the
    /// last, after every event stamped at or before it. <c>Every(3_600_000_000_000)</c> fires on each hour of the
    /// clock; add an offset for other phases. Returns the timer's id (0, 1, … in scheduling order).
    /// </summary>
    /// <exception cref="System.ArgumentOutOfRangeException">The interval is not positive, or the offset is not in [0, interval).</exception>
    /// <exception cref="System.InvalidOperationException">Called outside <c>[OnStart]</c>.</exception>
    public int Every(long intervalNs, long offsetNs = 0) => _gateway.AddTimer(intervalNs, offsetNs);

    /// <summary>
    /// Logs a record of a user-declared <see cref="ArrowRecordAttribute"/> type. When the run writes result files, each
    /// record type gets its own Arrow file (e.g. <c>signal_snapshot.arrow</c> for <c>SignalSnapshot</c>); otherwise the
    /// call does nothing.
    /// </summary>
    public void Log<TRecord>(in TRecord record) where TRecord : struct, IArrowRecord<TRecord> => _gateway.Records?.Write(in record);
}
