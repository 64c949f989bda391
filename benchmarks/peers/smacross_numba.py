"""The README's SmaCross strategy and the engine rules it meets, as one numba @njit loop.

This is the peer the C# engine is measured against (issue 14). It is written as a careful numba user would write a
single-purpose backtest: one function, typed arrays, no objects. It does the same work as the engine for this
strategy, so that its results can be required to be identical, and nothing more:

* the strategy (README "A full strategy"): per symbol a fast and a slow SMA of trade prices, updated on every trade;
  once the slow one is ready, target = +size if fast > slow else -size, and a market order for
  delta = target - (position + quantity still in flight);
* the venue (src/Engine/Execution/ExecutionSimulator.cs, docs/execution.md "Latency", "The touch and market orders",
  "Fees"): an order decided on the event at t reaches the venue at t + latency and fills on the first trade of its
  symbol at or after that time (never the event it was decided on), at that trade's price moved against it by the
  slippage, whole (fills are not bounded by size), paying price * quantity * taker rate + fee per fill;
* the accounts (src/Engine/Accounting/Portfolio.cs): average-cost positions, realized PnL on reductions and flips,
  cash, equity = cash + positions marked at their last prices (re-derived exactly at every fill);
* the statistics the engine's summary keeps per event (src/Engine/Statistics): round trips, wins and losses, max
  drawdown and its duration, exposure, equity samples and their Welford mean/variance (for Sharpe).

The helpers are plain `@njit` functions, which LLVM inlines. They are not `@njit(inline="always")`: numba's own
inliner keeps a reference count on every array argument, and the atomic increments and decrements on the ~26 array
arguments each trade passes took 83% of the loop's time on the AMD EPYC VM (profiled with `perf record`, the two hot
instructions being NRT_incref/NRT_decref's `lock add` and `lock sub`): about 80 ms per run of run.sh's 1M synthetic
trades, against 16.5 ms without. Earlier figures of the engine against this loop (docs/performance.md) measured that
slower form.

The SMA is the SDK's (src/Sdk/Indicators/Sma.cs): a zeroed ring of the last `period` prices and a rolling sum to which
each update adds `value - evicted` with Knuth's branch-free two-sum, the rounding errors kept in a second term. Every
floating-point operation is done in the engine's order, so the averages, and so the decisions, agree bit for bit. (Until
7 December 2026 this port still did the SDK's earlier SMA, two Neumaier additions with a branch each; the fills agreed
all the same, but it was not the engine's arithmetic.)
"""

import math

import numpy as np
from numba import njit

# Indices of the scalar results in the array `run` returns (see SUMMARY_FIELDS).
SUMMARY_FIELDS = (
    "events", "fills", "round_trips", "wins", "losses", "winning_trips_pnl", "losing_trips_pnl",
    "initial_capital", "final_equity", "net_pnl", "realized_pnl", "unrealized_pnl", "fees", "turnover",
    "max_drawdown", "max_drawdown_percent", "max_drawdown_duration_ns", "exposure",
    "equity_samples", "sample_mean", "sample_m2", "sample_downside", "orders",
)


@njit
def _sign(x):
    return 1.0 if x > 0 else (-1.0 if x < 0 else 0.0)


@njit
def _compensated_add(sums, comps, k, value):
    # CompensatedSum.Add (Neumaier)
    s = sums[k]
    t = s + value
    if abs(s) >= abs(value):
        comps[k] += (s - t) + value
    else:
        comps[k] += (value - t) + s
    sums[k] = t


@njit
def _sma_update(ring, nexts, fulls, sums, errors, k, value):
    # Sma.Update: the ring starts zeroed, so while it fills the evicted value is exactly 0; d = value - evicted is
    # exactly d + e1 and sum + d exactly t + e2 (Knuth's branch-free two-sum); the errors go to a second term.
    if not math.isfinite(value):
        return
    capacity = ring.shape[1]
    nx = nexts[k]
    evicted = ring[k, nx]
    ring[k, nx] = value
    nx += 1
    if nx == capacity:
        nx = 0
        fulls[k] = True
    nexts[k] = nx
    d = value - evicted
    b1 = d - value
    e1 = (value - (d - b1)) - (evicted + b1)
    s = sums[k]
    t = s + d
    b2 = t - s
    e2 = (s - (t - b2)) + (d - b2)
    sums[k] = t
    errors[k] += e1 + e2


@njit
def _sma_value(ring, fulls, sums, errors, k):
    # Sma.Value: NaN until the window is full, then (sum + error) / period
    if not fulls[k]:
        return np.nan
    return (sums[k] + errors[k]) / ring.shape[1]


@njit
def _sample(s_last, s_previous, s_count, s_mean, s_m2, s_down, s_down_comp):
    # EquitySampler: one equity sample's return, Welford's mean and variance, and the compensated downside sum.
    # Returns the new (previous, count, mean, m2); the sampled drawdown is the loop's, which alone keeps one.
    r = s_last / s_previous - 1
    s_count += 1
    d = r - s_mean
    s_mean += d / s_count
    s_m2 += d * (r - s_mean)
    if r < 0:
        _compensated_add(s_down, s_down_comp, 0, r * r)
    return s_last, s_count, s_mean, s_m2


# error_model="numpy": no zero-division checks (no divisor here can be zero), as a speed-minded numba user writes it;
# fastmath stays off, since it would reorder the arithmetic and change the results.
@njit(cache=False, error_model="numpy")
def run(ts, sym, px, n_symbols, fast, slow, size, latency_ns, taker_bps, fee_per_fill, slippage_bps,
        initial_capital, interval_ns, record_fills):
    """One backtest. Returns (summary float64 array in SUMMARY_FIELDS order, positions, average prices,
    realized PnL, fees per symbol, the fills: time, order id, symbol, side (+1 buy, -1 sell), price, quantity,
    fee (empty unless record_fills), and the final fast and slow averages per symbol (NaN while not ready))."""
    n = ts.shape[0]
    taker_rate = taker_bps / 10_000.0
    slippage_rate = slippage_bps / 10_000.0
    int64_max = np.iinfo(np.int64).max
    int64_min = np.iinfo(np.int64).min

    # strategy state: two SMAs per symbol
    fast_ring = np.zeros((n_symbols, fast))
    fast_next = np.zeros(n_symbols, np.int64)
    fast_full = np.zeros(n_symbols, np.bool_)
    fast_sum = np.zeros(n_symbols)
    fast_error = np.zeros(n_symbols)
    slow_ring = np.zeros((n_symbols, slow))
    slow_next = np.zeros(n_symbols, np.int64)
    slow_full = np.zeros(n_symbols, np.bool_)
    slow_sum = np.zeros(n_symbols)
    slow_error = np.zeros(n_symbols)

    # accounts
    position = np.zeros(n_symbols)
    average = np.zeros(n_symbols)
    last = np.full(n_symbols, np.nan)
    realized = np.zeros(n_symbols)
    fees = np.zeros(n_symbols)
    turnover = np.zeros(n_symbols)
    trip = np.zeros(n_symbols)
    cash = initial_capital
    position_value = 0.0
    open_positions = 0

    # orders in flight, in the order they were sent
    capacity = 16
    q_symbol = np.empty(capacity, np.int64)
    q_qty = np.empty(capacity)          # signed: + buy, - sell
    q_arrival = np.empty(capacity, np.int64)
    q_id = np.empty(capacity, np.int64)
    pending = 0
    next_arrival = int64_max
    next_order_id = 1

    fill_cap = n if record_fills else 0
    f_ts = np.empty(fill_cap, np.int64)
    f_id = np.empty(fill_cap, np.int64)
    f_sym = np.empty(fill_cap, np.int64)
    f_side = np.empty(fill_cap, np.int64)
    f_px = np.empty(fill_cap)
    f_qty = np.empty(fill_cap)
    f_fee = np.empty(fill_cap)

    # statistics
    fills = 0
    round_trips = 0
    wins = 0
    losses = 0
    win_pnl = 0.0
    loss_pnl = 0.0
    peak = initial_capital
    max_dd = 0.0
    max_dd_pct = 0.0
    max_dd_duration = 0
    peak_time = int64_min
    first_time = int64_min
    last_time = int64_min
    was_exposed = False
    underwater = False
    exposed_ns = 0
    s_next_boundary = int64_max
    s_last_sample_time = int64_min
    s_previous = initial_capital
    s_last = initial_capital
    s_peak = initial_capital
    s_max_dd_pct = 0.0
    s_count = 0
    s_mean = 0.0
    s_m2 = 0.0
    s_down = np.zeros(1)
    s_down_comp = np.zeros(1)

    for i in range(n):
        s = sym[i]
        p = px[i]
        t = ts[i]

        # 1. mark the symbol
        if position[s] != 0:
            position_value += position[s] * (p - last[s])
        last[s] = p

        # 2. orders of this symbol that have arrived fill at this trade, in the order they were sent
        if pending != 0 and next_arrival <= t:
            kept = 0
            next_arrival = int64_max
            for k in range(pending):
                if q_symbol[k] != s or q_arrival[k] > t:
                    q_symbol[kept] = q_symbol[k]
                    q_qty[kept] = q_qty[k]
                    q_arrival[kept] = q_arrival[k]
                    q_id[kept] = q_id[k]
                    if q_arrival[k] < next_arrival:
                        next_arrival = q_arrival[k]
                    kept += 1
                    continue
                q = q_qty[k]
                buy = q > 0
                quantity = q if buy else -q
                price = p * (1 + slippage_rate) if buy else p * (1 - slippage_rate)
                fee = price * quantity * taker_rate + fee_per_fill
                # Portfolio.Apply
                cash -= q * price + fee
                fees[s] += fee
                turnover[s] += abs(q * price)
                old = position[s]
                closed = False
                trip_pnl = 0.0
                if old == 0 or _sign(old) == _sign(q):
                    new = old + q
                    average[s] = (average[s] * abs(old) + price * abs(q)) / abs(new)
                    position[s] = new
                    trip[s] -= fee
                else:
                    closing = min(abs(q), abs(old))
                    r = closing * (price - average[s]) * _sign(old)
                    closing_fee = fee * closing / abs(q)
                    realized[s] += r
                    trip[s] += r - closing_fee
                    new = old + q
                    if abs(q) >= abs(old):
                        closed = True
                        trip_pnl = trip[s]
                        trip[s] = -(fee - closing_fee)
                        if abs(q) == abs(old):
                            new = 0.0
                            average[s] = 0.0
                        else:
                            average[s] = price
                    position[s] = new
                value = 0.0
                open_positions = 0
                for j in range(n_symbols):
                    if position[j] == 0:
                        continue
                    value += position[j] * last[j]
                    open_positions += 1
                position_value = value
                if closed:
                    round_trips += 1
                    if trip_pnl > 0:
                        wins += 1
                        win_pnl += trip_pnl
                    elif trip_pnl < 0:
                        losses += 1
                        loss_pnl += trip_pnl
                if record_fills:
                    f_ts[fills] = t
                    f_id[fills] = q_id[k]
                    f_sym[fills] = s
                    f_side[fills] = 1 if buy else -1
                    f_px[fills] = price
                    f_qty[fills] = quantity
                    f_fee[fills] = fee
                fills += 1
            pending = kept

        # 3. statistics of the equity after the event
        equity = cash + position_value
        if first_time == int64_min:
            first_time = t
            last_time = t
            peak_time = t
            s_next_boundary = int64_max if t > int64_max - interval_ns else t + interval_ns
            s_last_sample_time = t
        while s_next_boundary < t:
            s_previous, s_count, s_mean, s_m2 = _sample(s_last, s_previous, s_count, s_mean, s_m2, s_down, s_down_comp)
            if s_last > s_peak:
                s_peak = s_last
            elif (s_peak - s_last) / s_peak > s_max_dd_pct:
                s_max_dd_pct = (s_peak - s_last) / s_peak
            s_last_sample_time = s_next_boundary
            s_next_boundary = int64_max if s_next_boundary > int64_max - interval_ns else s_next_boundary + interval_ns
        s_last = equity
        if was_exposed:
            exposed_ns += t - last_time
        was_exposed = open_positions != 0
        last_time = t
        if equity >= peak:
            if underwater and t - peak_time > max_dd_duration:
                max_dd_duration = t - peak_time
            underwater = False
            peak = equity
            peak_time = t
        else:
            underwater = True
            if t - peak_time > max_dd_duration:
                max_dd_duration = t - peak_time
            dd = peak - equity
            if dd > max_dd:
                max_dd = dd
            if dd / peak > max_dd_pct:
                max_dd_pct = dd / peak

        # 4. the strategy
        _sma_update(fast_ring, fast_next, fast_full, fast_sum, fast_error, s, p)
        _sma_update(slow_ring, slow_next, slow_full, slow_sum, slow_error, s, p)
        if not slow_full[s]:
            continue
        target = size if _sma_value(fast_ring, fast_full, fast_sum, fast_error, s) > \
            _sma_value(slow_ring, slow_full, slow_sum, slow_error, s) else -size
        open_qty = 0.0
        for k in range(pending):
            if q_symbol[k] == s:
                open_qty += q_qty[k]
        delta = target - (position[s] + open_qty)
        if delta == 0 or not math.isfinite(delta):
            continue

        # 5. the order goes in flight
        if pending == capacity:
            capacity *= 2
            grown_symbol = np.empty(capacity, np.int64)
            grown_qty = np.empty(capacity)
            grown_arrival = np.empty(capacity, np.int64)
            grown_id = np.empty(capacity, np.int64)
            grown_symbol[:pending] = q_symbol[:pending]
            grown_qty[:pending] = q_qty[:pending]
            grown_arrival[:pending] = q_arrival[:pending]
            grown_id[:pending] = q_id[:pending]
            q_symbol, q_qty, q_arrival, q_id = grown_symbol, grown_qty, grown_arrival, grown_id
        arrival = t + latency_ns
        q_symbol[pending] = s
        q_qty[pending] = delta
        q_arrival[pending] = arrival
        q_id[pending] = next_order_id
        next_order_id += 1
        if arrival < next_arrival:
            next_arrival = arrival
        pending += 1

    # the run's end: samples due up to the last event see the final equity
    equity = cash + position_value
    if first_time != int64_min:
        s_last = equity
        while s_next_boundary <= last_time:
            s_previous, s_count, s_mean, s_m2 = _sample(s_last, s_previous, s_count, s_mean, s_m2, s_down, s_down_comp)
            s_last_sample_time = s_next_boundary
            s_next_boundary = int64_max if s_next_boundary > int64_max - interval_ns else s_next_boundary + interval_ns
        # and the final equity at the last event when it comes after the last boundary (the engine's decision 0093)
        if last_time > s_last_sample_time:
            s_previous, s_count, s_mean, s_m2 = _sample(s_last, s_previous, s_count, s_mean, s_m2, s_down, s_down_comp)

    realized_sum = 0.0
    unrealized_sum = 0.0
    fee_sum = 0.0
    turnover_sum = 0.0
    for j in range(n_symbols):
        realized_sum += realized[j]
        unrealized_sum += 0.0 if position[j] == 0 else position[j] * (last[j] - average[j])
        fee_sum += fees[j]
        turnover_sum += turnover[j]

    summary = np.empty(len(SUMMARY_FIELDS))
    summary[0] = n
    summary[1] = fills
    summary[2] = round_trips
    summary[3] = wins
    summary[4] = losses
    summary[5] = win_pnl
    summary[6] = loss_pnl
    summary[7] = initial_capital
    summary[8] = equity
    summary[9] = equity - initial_capital
    summary[10] = realized_sum
    summary[11] = unrealized_sum
    summary[12] = fee_sum
    summary[13] = turnover_sum
    summary[14] = max_dd
    summary[15] = max_dd_pct
    summary[16] = max_dd_duration
    summary[17] = exposed_ns / (last_time - first_time) if last_time > first_time else 0.0
    summary[18] = s_count
    summary[19] = s_mean
    summary[20] = s_m2
    summary[21] = s_down[0] + s_down_comp[0]
    summary[22] = next_order_id - 1
    fills_out = (f_ts[:fills], f_id[:fills], f_sym[:fills], f_side[:fills], f_px[:fills], f_qty[:fills], f_fee[:fills])
    fast_values = np.empty(n_symbols)
    slow_values = np.empty(n_symbols)
    for j in range(n_symbols):
        fast_values[j] = _sma_value(fast_ring, fast_full, fast_sum, fast_error, j)
        slow_values[j] = _sma_value(slow_ring, slow_full, slow_sum, slow_error, j)
    return summary, position, average, realized, fees, fills_out, fast_values, slow_values


def summary_dict(summary, interval_ns):
    """The scalar results by name, with Sharpe derived as the engine does (EquitySampler.Sharpe)."""
    out = {name: float(summary[i]) for i, name in enumerate(SUMMARY_FIELDS)}
    for name in ("events", "fills", "round_trips", "wins", "losses", "max_drawdown_duration_ns", "equity_samples", "orders"):
        out[name] = int(out[name])
    count = out["equity_samples"]
    periods = 365 * 86_400e9 / interval_ns
    out["sharpe"] = (out["sample_mean"] / math.sqrt(out["sample_m2"] / (count - 1)) * math.sqrt(periods)) if count >= 2 else math.nan
    return out
