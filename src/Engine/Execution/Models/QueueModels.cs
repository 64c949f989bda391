using System;

namespace Backtester.Execution;

// The built-in queue models of QueuePosition (docs/execution.md, "Queue models"), one struct each, so the venue's
// matching is compiled once per model (decision 0062).

/// <summary><see cref="QueuePosition.None"/>: a trade exactly at the price never fills a resting order.</summary>
internal struct NoQueue : IQueueModel
{
    public readonly void Join(ref QueueState queue, double ahead, double levelSize, long levelVersion) => Queues.Join(ref queue, ahead, levelSize, levelVersion);

    public readonly void OnLevelChanged(ref QueueState queue, double size, long levelVersion) => Queues.Cap(ref queue, size, levelVersion);

    public readonly double OnTradeAtPrice(ref QueueState queue, double size) => 0;
}

/// <summary><see cref="QueuePosition.Optimistic"/>: any trade at the price fills the order, as if it were first.</summary>
internal struct OptimisticQueue : IQueueModel
{
    public readonly void Join(ref QueueState queue, double ahead, double levelSize, long levelVersion) => Queues.Join(ref queue, ahead, levelSize, levelVersion);

    public readonly void OnLevelChanged(ref QueueState queue, double size, long levelVersion) => Queues.Cap(ref queue, size, levelVersion);

    public readonly double OnTradeAtPrice(ref QueueState queue, double size) => double.PositiveInfinity;
}

/// <summary>
/// <see cref="QueuePosition.Conservative"/> (hftbacktest's <c>RiskAdverseQueueModel</c>): trades at the price eat the
/// queue ahead first; a smaller size displayed caps it; cancellations never advance it otherwise.
/// </summary>
internal struct ConservativeQueue : IQueueModel
{
    public readonly void Join(ref QueueState queue, double ahead, double levelSize, long levelVersion) => Queues.Join(ref queue, ahead, levelSize, levelVersion);

    public readonly void OnLevelChanged(ref QueueState queue, double size, long levelVersion) => Queues.Cap(ref queue, size, levelVersion);

    public readonly double OnTradeAtPrice(ref QueueState queue, double size) => Queues.EatFront(ref queue, size);
}

/// <summary>
/// <see cref="QueuePosition.ProbabilisticPower"/> (hftbacktest's <c>ProbQueueModel</c> with <c>PowerProbQueueFunc</c>):
/// as <see cref="ConservativeQueue"/>, and of a decrease of the level that trades do not explain, the share
/// f(ahead) / (f(ahead) + f(behind)) happened ahead, f(x) = x^<see cref="Exponent"/>.
/// </summary>
internal readonly struct PowerQueue(double exponent) : IQueueModel
{
    /// <summary>The power n of f(x) = x^n (<see cref="BacktestOptions.QueuePowerExponent"/>).</summary>
    public double Exponent { get; } = exponent;

    public void Join(ref QueueState queue, double ahead, double levelSize, long levelVersion) => Queues.Join(ref queue, ahead, levelSize, levelVersion);

    public void OnLevelChanged(ref QueueState queue, double size, long levelVersion)
    {
        if (Queues.Decrease(ref queue, size, levelVersion, out double previous, out double decrease))
        {
            double front = queue.Ahead, back = previous - front;
            Queues.Split(ref queue, decrease, Math.Pow(front, Exponent), Math.Pow(back, Exponent), back);
        }
        queue.Ahead = Math.Min(queue.Ahead, size);
    }

    public double OnTradeAtPrice(ref QueueState queue, double size) => Queues.EatFront(ref queue, size);
}

/// <summary><see cref="QueuePosition.ProbabilisticLog"/>: as <see cref="PowerQueue"/> with f(x) = ln(1 + x) (hftbacktest's <c>LogProbQueueFunc</c>).</summary>
internal struct LogQueue : IQueueModel
{
    public readonly void Join(ref QueueState queue, double ahead, double levelSize, long levelVersion) => Queues.Join(ref queue, ahead, levelSize, levelVersion);

    public readonly void OnLevelChanged(ref QueueState queue, double size, long levelVersion)
    {
        if (Queues.Decrease(ref queue, size, levelVersion, out double previous, out double decrease))
        {
            double front = queue.Ahead, back = previous - front;
            Queues.Split(ref queue, decrease, Math.Log(1 + front), Math.Log(1 + back), back);
        }
        queue.Ahead = Math.Min(queue.Ahead, size);
    }

    public readonly double OnTradeAtPrice(ref QueueState queue, double size) => Queues.EatFront(ref queue, size);
}

/// <summary>The steps the built-in queue models share.</summary>
internal static class Queues
{
    /// <summary>Joins at the back: what is displayed ahead, the level as seen, nothing traded at it yet.</summary>
    public static void Join(ref QueueState queue, double ahead, double levelSize, long levelVersion)
    {
        queue.TradedAtLevel = 0;
        queue.Ahead = ahead;
        queue.LevelSize = levelSize;
        if (!double.IsNaN(levelSize)) queue.LevelVersion = levelVersion;
    }

    /// <summary>The level is now <paramref name="size"/>: remembered, and the queue ahead never exceeds it.</summary>
    public static void Cap(ref QueueState queue, double size, long levelVersion)
    {
        queue.LevelSize = size;
        queue.LevelVersion = levelVersion;
        queue.TradedAtLevel = 0;
        queue.Ahead = Math.Min(queue.Ahead, size);
    }

    /// <summary>
    /// Records the level's new <paramref name="size"/> and returns true when it fell, by <paramref name="decrease"/>,
    /// more than the trades at the level since the size before (<paramref name="previous"/>, of the same version,
    /// with the order inside it) explain.
    /// </summary>
    public static bool Decrease(ref QueueState queue, double size, long levelVersion, out double previous, out double decrease)
    {
        previous = queue.LevelVersion == levelVersion ? queue.LevelSize : double.NaN;
        double traded = queue.TradedAtLevel;
        queue.LevelSize = size;
        queue.LevelVersion = levelVersion;
        queue.TradedAtLevel = 0;
        decrease = previous - size - traded;
        return !double.IsNaN(previous) && queue.Ahead <= previous && decrease > 0;
    }

    /// <summary>hftbacktest's estimate: the share ahead, fFront / (fFront + fBack), comes off the front; what the back cannot hold also does.</summary>
    public static void Split(ref QueueState queue, double decrease, double fFront, double fBack, double back)
    {
        double front = queue.Ahead;
        double share = fFront + fBack > 0 ? fFront / (fFront + fBack) : 0;
        queue.Ahead = Math.Max(0, front - share * decrease + Math.Min(back - (1 - share) * decrease, 0));
    }

    /// <summary>A trade at the price eats the queue ahead first; returns what traded beyond it.</summary>
    public static double EatFront(ref QueueState queue, double size)
    {
        double beyond = size - queue.Ahead;
        queue.Ahead = Math.Max(0, queue.Ahead - size);
        queue.TradedAtLevel += size;
        return beyond;
    }
}
