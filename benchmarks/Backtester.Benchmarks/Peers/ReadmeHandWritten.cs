using System;
using Backtester.Benchmarks.Replay;
using Backtester.Indicators;

namespace Backtester.Benchmarks.Peers;

/// <summary>
/// The practical limit in C# for the README SmaCross (<see cref="ReadmeSmaCross"/>): the engine's work for that strategy
/// (mark to market, arrived market orders filled at the trade price moved by the slippage, taker fee, average-cost
/// accounting, round trips, drawdown, exposure, equity samples; the two <see cref="Sma"/>s per symbol and the sizing
/// against position plus quantity in flight) in one method, with no engine, driver or order API. The same loop as the
/// numba peer (benchmarks/peers/smacross_numba.py), so it separates the engine's overhead from the compiler's.
/// <c>--paired --variants readme-handwritten,readme</c> checks its summary equals the engine's before timing.
/// </summary>
public static class ReadmeHandWritten
{
    public static BacktestSummary Run(MarketData data, BacktestOptions options, int fastPeriod, int slowPeriod, double size)
    {
        int symbols = data.Symbols.Count;
        ReadOnlySpan<long> ts = data.Trades.Timestamps.Span;
        ReadOnlySpan<int> sym = data.Trades.SymbolIds.Span;
        ReadOnlySpan<double> px = data.Trades.Prices.Span;
        var position = new double[symbols];
        var average = new double[symbols];
        var last = new double[symbols];
        var realized = new double[symbols];
        var trip = new double[symbols];
        Array.Fill(last, double.NaN);
        var fast = new Sma[symbols];
        var slow = new Sma[symbols];
        for (int s = 0; s < symbols; s++) { fast[s] = new Sma(fastPeriod); slow[s] = new Sma(slowPeriod); }
        var pendingSymbol = new int[16];
        var pendingQty = new double[16];
        var pendingArrival = new long[16];
        int pending = 0;
        long nextArrival = long.MaxValue; // no pending order can fill before this time
        double feeRate = options.TakerFeeBps / 10_000.0, slippage = options.SlippageBps / 10_000.0;
        double cash = options.InitialCapital, positionValue = 0, fees = 0, turnover = 0;
        double peak = cash, maxDrawdown = 0, maxDrawdownPercent = 0;
        // time-based statistics: drawdown duration, exposure, and equity sampled every interval (empyrical returns)
        long interval = options.EquitySampleIntervalNs > 0 ? options.EquitySampleIntervalNs : EquitySampling.IntervalFor(data), nextBoundary = long.MaxValue; // 0 = the engine's adaptive rule
        long firstTime = long.MinValue, lastTime = long.MinValue, peakTime = long.MinValue, maxDrawdownDuration = 0, exposedNs = 0, lastSampleTime = long.MinValue;
        bool underwater = false, wasExposed = false;
        int openPositions = 0;
        double sampleLast = cash, samplePrevious = cash, samplePeak = cash, sampleMaxDrawdown = 0, mean = 0, m2 = 0, downside = 0, downsideCompensation = 0;
        long samples = 0;
        long fills = 0, roundTrips = 0, wins = 0, losses = 0;
        double winPnl = 0, lossPnl = 0;

        for (int i = 0; i < ts.Length; i++)
        {
            int s = sym[i];
            double p = px[i];
            if (position[s] != 0) positionValue += position[s] * (p - last[s]);
            last[s] = p;

            int kept = pending;
            if (pending != 0 && nextArrival <= ts[i])
            {
            kept = 0;
            nextArrival = long.MaxValue;
            for (int k = 0; k < pending; k++)
            {
                if (pendingSymbol[k] != s || pendingArrival[k] > ts[i])
                {
                    pendingSymbol[kept] = pendingSymbol[k]; pendingQty[kept] = pendingQty[k]; pendingArrival[kept] = pendingArrival[k];
                    if (pendingArrival[k] < nextArrival) nextArrival = pendingArrival[k];
                    kept++;
                    continue;
                }
                double q = pendingQty[k];
                double price = q > 0 ? p * (1 + slippage) : p * (1 - slippage);
                double fee = price * Math.Abs(q) * feeRate + options.FeePerFill;
                cash -= q * price + fee;
                fees += fee;
                turnover += Math.Abs(q * price);
                double old = position[s];
                if (old == 0) openPositions++;
                else if (Math.Abs(q) == Math.Abs(old) && Math.Sign(old) != Math.Sign(q)) openPositions--;
                if (old == 0 || Math.Sign(old) == Math.Sign(q))
                {
                    average[s] = (average[s] * Math.Abs(old) + price * Math.Abs(q)) / Math.Abs(old + q);
                    position[s] = old + q;
                    trip[s] -= fee;
                }
                else
                {
                    double closing = Math.Min(Math.Abs(q), Math.Abs(old));
                    double r = closing * (price - average[s]) * Math.Sign(old);
                    double closingFee = fee * closing / Math.Abs(q);
                    realized[s] += r;
                    trip[s] += r - closingFee;
                    double now = old + q;
                    if (Math.Abs(q) >= Math.Abs(old))
                    {
                        roundTrips++;
                        if (trip[s] > 0) { wins++; winPnl += trip[s]; }
                        else if (trip[s] < 0) { losses++; lossPnl += trip[s]; }
                        trip[s] = -(fee - closingFee);
                        if (Math.Abs(q) == Math.Abs(old)) { now = 0; average[s] = 0; }
                        else average[s] = price;
                    }
                    position[s] = now;
                }
                double value = 0;
                for (int j = 0; j < symbols; j++)
                    if (position[j] != 0) value += position[j] * last[j];
                positionValue = value;
                fills++;
            }
            }
            pending = kept;

            double equity = cash + positionValue;
            long t = ts[i];
            if (firstTime == long.MinValue)
            {
                firstTime = lastTime = peakTime = lastSampleTime = t;
                nextBoundary = t + interval;
            }
            while (nextBoundary < t)
            {
                HandWrittenSampling.Sample(sampleLast, ref samplePrevious, ref samples, ref mean, ref m2, ref downside, ref downsideCompensation, ref samplePeak, ref sampleMaxDrawdown);
                lastSampleTime = nextBoundary;
                nextBoundary += interval;
            }
            sampleLast = equity;
            if (wasExposed) exposedNs += t - lastTime;
            wasExposed = openPositions != 0;
            lastTime = t;
            if (equity >= peak)
            {
                if (underwater && t - peakTime > maxDrawdownDuration) maxDrawdownDuration = t - peakTime;
                underwater = false;
                peak = equity;
                peakTime = t;
            }
            else
            {
                underwater = true;
                if (t - peakTime > maxDrawdownDuration) maxDrawdownDuration = t - peakTime;
                double dd = peak - equity;
                if (dd > maxDrawdown) maxDrawdown = dd;
                if (dd / peak > maxDrawdownPercent) maxDrawdownPercent = dd / peak;
            }

            fast[s].Update(p);
            slow[s].Update(p);
            if (!slow[s].IsReady) continue;
            double target = fast[s].Value > slow[s].Value ? size : -size;
            double open = 0;
            for (int k = 0; k < pending; k++)
                if (pendingSymbol[k] == s) open += pendingQty[k];
            double order = target - (position[s] + open);
            if (!(order > 0 || order < 0)) continue;
            if (pending == pendingSymbol.Length)
            {
                Array.Resize(ref pendingSymbol, pending * 2);
                Array.Resize(ref pendingQty, pending * 2);
                Array.Resize(ref pendingArrival, pending * 2);
            }
            pendingSymbol[pending] = s; pendingQty[pending] = order; pendingArrival[pending] = t + options.FeedLatencyNs + options.OrderLatencyNs;
            if (pendingArrival[pending] < nextArrival) nextArrival = pendingArrival[pending];
            pending++;
        }

        HandWrittenSampling.SampleRunEnd(firstTime, lastTime, interval, nextBoundary, lastSampleTime, sampleLast,
            ref samplePrevious, ref samples, ref mean, ref m2, ref downside, ref downsideCompensation, ref samplePeak, ref sampleMaxDrawdown);
        return HandWrittenSummary.Of(options, ts.Length, position, average, last, realized, cash + positionValue, fills, roundTrips, wins, losses,
            winPnl, lossPnl, fees, turnover, maxDrawdown, maxDrawdownPercent, maxDrawdownDuration, firstTime, lastTime, exposedNs, interval, samples, mean, m2);
    }
}
